package dev.bulwark.ratelimit.challenge;

import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.internal.Base64Url;
import dev.bulwark.ratelimit.spi.ChallengeVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * A push-token challenge: a 128-bit code from {@link SecureRandom}, delivered by the host's own
 * push channel to the subject's registered device, expiring after five minutes (or the token
 * lifetime, if shorter), compared in constant time, usable once. Only its SHA-256 is stored, and
 * any answer, right or wrong, uses the code up. Thread-safe.
 */
public final class PushChallenge implements ChallengeVerifier {

  /** How long a code is accepted at most. */
  public static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

  /** The length of a code: 128 bits in unpadded base64url. */
  public static final int CODE_LENGTH = 22;

  /** Delivers a code to the subject's device; the host's push integration. */
  @FunctionalInterface
  public interface PushSender {
    /** Sends {@code code} to {@code subject}'s registered device. Must not log the code. */
    void send(RateLimitKey subject, String code);
  }

  private final ChallengeTokens tokens;
  private final SecureRandom random;

  /** Creates a push challenge issuing and checking tokens with {@code tokens}. */
  public PushChallenge(ChallengeTokens tokens) {
    this(tokens, new SecureRandom());
  }

  /** Creates a push challenge drawing codes from {@code random}. */
  public PushChallenge(ChallengeTokens tokens, SecureRandom random) {
    this.tokens = requireNonNull(tokens, "tokens");
    this.random = requireNonNull(random, "random");
  }

  @Override
  public ChallengeKind kind() {
    return ChallengeKind.PUSH;
  }

  /** Issues a challenge and sends its code through {@code sender}; the token goes to the client. */
  public ChallengeTokens.IssuedToken issue(
      RateLimitKey subject, String purpose, PushSender sender) {
    requireNonNull(sender, "sender");
    ChallengeTokens.IssuedToken issued = tokens.issue(ChallengeKind.PUSH, 0, subject, purpose);
    byte[] code = new byte[16];
    random.nextBytes(code);
    String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(code);
    Duration ttl = tokens.ttl().compareTo(MAX_LIFETIME) < 0 ? tokens.ttl() : MAX_LIFETIME;
    tokens.store().put("push:" + issued.id(), sha256(encoded), ttl);
    sender.send(subject, encoded);
    return issued;
  }

  @Override
  public ChallengeOutcome verify(
      @Nullable String token, RateLimitKey subject, String purpose, @Nullable String answer) {
    ChallengeTokens.TokenCheck check = tokens.check(token, ChallengeKind.PUSH, subject, purpose);
    if (!check.outcome().passed()) {
      return check.outcome();
    }
    if (answer == null || answer.length() != CODE_LENGTH || !Base64Url.isAlphabet(answer)) {
      return ChallengeOutcome.MALFORMED;
    }
    byte[] expected = tokens.store().take("push:" + check.id());
    if (expected == null) {
      return ChallengeOutcome.ALREADY_USED;
    }
    if (!MessageDigest.isEqual(expected, sha256(answer))) {
      ChallengeOutcome ignored = tokens.redeem(check);
      return ChallengeOutcome.FAILED;
    }
    return tokens.redeem(check);
  }

  private static byte[] sha256(String code) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "PushChallenge";
  }
}
