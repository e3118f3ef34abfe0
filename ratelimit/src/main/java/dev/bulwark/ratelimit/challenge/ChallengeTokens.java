package dev.bulwark.ratelimit.challenge;

import static dev.bulwark.ratelimit.internal.Checks.requireArgument;
import static dev.bulwark.ratelimit.internal.Checks.requireInRange;
import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.internal.HmacSha256;
import dev.bulwark.ratelimit.memory.MemoryChallengeStore;
import dev.bulwark.ratelimit.spi.ChallengeStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Opaque challenge tokens: HMAC-signed under a server secret, bound to a subject, a purpose and a
 * {@link ChallengeKind}, expiring, and usable once.
 *
 * <p><b>Wire format</b> (version 1), 59 bytes, sent as 79 characters of unpadded base64url:
 *
 * <pre>
 * offset  size  field
 *      0     1  version = 1 (any other value is rejected)
 *      1     1  kind (1 proof-of-work, 2 push, 3 captcha)
 *      2     1  parameter (unsigned; the proof-of-work difficulty in bits)
 *      3    16  id, 128 bits from SecureRandom
 *     19     8  expiry, milliseconds since the epoch, big-endian
 *     27    32  HMAC-SHA256(secret, bytes 0..26 || u16 len || subject || u8 len || purpose)
 * </pre>
 *
 * The subject and purpose are not in the token; they are authenticated by the MAC, so a token
 * issued for one phone number or endpoint is worthless for another. Checks run in this order, with
 * a constant-time MAC comparison: format ({@link ChallengeOutcome#MALFORMED}), MAC ({@link
 * ChallengeOutcome#INVALID}), expiry ({@link ChallengeOutcome#EXPIRED}), single use ({@link
 * ChallengeOutcome#ALREADY_USED}, recorded in a {@link ChallengeStore} until the token expires).
 *
 * <p>Time is wall-clock time from an injected {@link InstantSource}, because tokens cross servers.
 * Thread-safe.
 */
public final class ChallengeTokens {

  /** The length of an encoded token. */
  public static final int TOKEN_LENGTH = 79;

  /** The shortest secret accepted, in bytes. */
  public static final int MIN_SECRET_BYTES = 32;

  private static final byte VERSION = 1;
  private static final int ID_OFFSET = 3;
  private static final int ID_BYTES = 16;
  private static final int EXPIRY_OFFSET = ID_OFFSET + ID_BYTES;
  private static final int MAC_OFFSET = EXPIRY_OFFSET + 8;
  private static final int TOKEN_BYTES = MAC_OFFSET + 32;
  private static final Pattern PURPOSE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final HmacSha256 hmac;
  private final InstantSource clock;
  private final Duration ttl;
  private final ChallengeStore store;
  private final SecureRandom random;

  private ChallengeTokens(Builder b) {
    this.hmac = new HmacSha256(b.secret);
    this.clock = b.clock;
    this.ttl = b.ttl;
    this.store = b.store != null ? b.store : MemoryChallengeStore.create();
    this.random = b.random;
  }

  /**
   * Returns a builder signing with {@code secret} (at least 32 bytes, copied).
   *
   * @throws IllegalArgumentException if the secret is shorter
   */
  public static Builder builder(byte[] secret) {
    return new Builder(secret);
  }

  /** The lifetime of tokens issued from now on. */
  public Duration ttl() {
    return ttl;
  }

  /**
   * Issues a token of {@code kind} with {@code parameter} for {@code subject} and {@code purpose}.
   *
   * @param parameter 0 to 255, kind-specific (the proof-of-work difficulty)
   * @param purpose 1 to 64 characters of {@code a-z 0-9 . _ -}, such as {@code registration}
   */
  public IssuedToken issue(
      ChallengeKind kind, int parameter, RateLimitKey subject, String purpose) {
    requireNonNull(kind, "kind");
    requireInRange("parameter", parameter, 0, 255);
    requireNonNull(subject, "subject");
    checkPurpose(purpose);
    Instant expiresAt = clock.instant().plus(ttl);
    byte[] token = new byte[TOKEN_BYTES];
    token[0] = VERSION;
    token[1] = kind.code;
    token[2] = (byte) parameter;
    byte[] id = new byte[ID_BYTES];
    random.nextBytes(id);
    System.arraycopy(id, 0, token, ID_OFFSET, ID_BYTES);
    ByteBuffer.wrap(token, EXPIRY_OFFSET, 8).putLong(expiresAt.toEpochMilli());
    System.arraycopy(mac(token, subject, purpose), 0, token, MAC_OFFSET, 32);
    return new IssuedToken(
        ENCODER.encodeToString(token), ENCODER.encodeToString(id), kind, parameter, expiresAt);
  }

  /**
   * Checks {@code token} for {@code kind}, {@code subject} and {@code purpose} without using it up:
   * the outcome is {@link ChallengeOutcome#PASSED} if it would be accepted now.
   */
  public TokenCheck check(
      @Nullable String token, ChallengeKind kind, RateLimitKey subject, String purpose) {
    requireNonNull(kind, "kind");
    requireNonNull(subject, "subject");
    checkPurpose(purpose);
    if (token == null || token.length() != TOKEN_LENGTH) {
      return TokenCheck.failed(ChallengeOutcome.MALFORMED);
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      return TokenCheck.failed(ChallengeOutcome.MALFORMED);
    }
    // One token, one spelling: reject encodings with stray trailing bits.
    if (bytes.length != TOKEN_BYTES || !ENCODER.encodeToString(bytes).equals(token)) {
      return TokenCheck.failed(ChallengeOutcome.MALFORMED);
    }
    if (bytes[0] != VERSION || ChallengeKind.ofCode(bytes[1]) == null) {
      return TokenCheck.failed(ChallengeOutcome.MALFORMED);
    }
    byte[] expected = mac(bytes, subject, purpose);
    byte[] actual = Arrays.copyOfRange(bytes, MAC_OFFSET, TOKEN_BYTES);
    if (!MessageDigest.isEqual(expected, actual) || bytes[1] != kind.code) {
      return TokenCheck.failed(ChallengeOutcome.INVALID);
    }
    Instant expiresAt = Instant.ofEpochMilli(ByteBuffer.wrap(bytes, EXPIRY_OFFSET, 8).getLong());
    if (!clock.instant().isBefore(expiresAt)) {
      return TokenCheck.failed(ChallengeOutcome.EXPIRED);
    }
    String id = ENCODER.encodeToString(Arrays.copyOfRange(bytes, ID_OFFSET, EXPIRY_OFFSET));
    return new TokenCheck(ChallengeOutcome.PASSED, bytes[2] & 0xFF, id, expiresAt);
  }

  /**
   * Checks {@code token} and, if it is valid, uses it up atomically.
   *
   * @return {@link ChallengeOutcome#PASSED} exactly once per valid token
   */
  public ChallengeOutcome redeem(
      @Nullable String token, ChallengeKind kind, RateLimitKey subject, String purpose) {
    TokenCheck check = check(token, kind, subject, purpose);
    return check.outcome().passed() ? redeem(check) : check.outcome();
  }

  /** Uses up a token that {@link #check} passed; {@link ChallengeOutcome#ALREADY_USED} if used. */
  public ChallengeOutcome redeem(TokenCheck passed) {
    requireArgument(passed.outcome().passed(), "only a passed check can be redeemed");
    Duration left = Duration.between(clock.instant(), passed.expiresAt());
    if (left.isNegative() || left.isZero()) {
      return ChallengeOutcome.EXPIRED;
    }
    return store.markUsed("token:" + passed.id(), left)
        ? ChallengeOutcome.PASSED
        : ChallengeOutcome.ALREADY_USED;
  }

  /** The store holding used tokens, which verifiers also use for their own single-use state. */
  ChallengeStore store() {
    return store;
  }

  /** The clock tokens are checked against. */
  InstantSource clock() {
    return clock;
  }

  private byte[] mac(byte[] token, RateLimitKey subject, String purpose) {
    byte[] s = subject.canonical().getBytes(StandardCharsets.UTF_8);
    byte[] p = purpose.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer input = ByteBuffer.allocate(MAC_OFFSET + 2 + s.length + 1 + p.length);
    input.put(token, 0, MAC_OFFSET).putShort((short) s.length).put(s).put((byte) p.length).put(p);
    return hmac.mac(input.array());
  }

  private static void checkPurpose(String purpose) {
    requireNonNull(purpose, "purpose");
    requireArgument(
        PURPOSE.matcher(purpose).matches(),
        "purpose must be 1 to 64 characters of a-z 0-9 . _ - starting with a letter or digit");
  }

  @Override
  public String toString() {
    return "ChallengeTokens[ttl=" + ttl + "]";
  }

  /**
   * A freshly issued token.
   *
   * @param token the encoded token to hand to the client
   * @param id the token's random ID (part of the token, not a secret)
   * @param kind what the token is for
   * @param parameter its kind-specific parameter
   * @param expiresAt when it stops being accepted
   */
  public record IssuedToken(
      String token, String id, ChallengeKind kind, int parameter, Instant expiresAt) {
    @Override
    public String toString() {
      return "IssuedToken[" + kind + ", parameter=" + parameter + ", expiresAt=" + expiresAt + "]";
    }
  }

  /**
   * The result of {@link #check}: the outcome and, if it passed, what the token carries.
   *
   * @param outcome {@link ChallengeOutcome#PASSED} if the token would be accepted now
   * @param parameter the token's parameter (0 unless passed)
   * @param id the token's opaque random ID (empty unless passed)
   * @param expiresAt when the token expires ({@link Instant#EPOCH} unless passed)
   */
  public record TokenCheck(ChallengeOutcome outcome, int parameter, String id, Instant expiresAt) {
    static TokenCheck failed(ChallengeOutcome outcome) {
      return new TokenCheck(outcome, 0, "", Instant.EPOCH);
    }
  }

  /** Builds {@link ChallengeTokens}. */
  public static final class Builder {
    private final byte[] secret;
    private InstantSource clock = InstantSource.system();
    private Duration ttl = Duration.ofMinutes(5);
    private @Nullable ChallengeStore store;
    private SecureRandom random = new SecureRandom();

    private Builder(byte[] secret) {
      requireNonNull(secret, "secret");
      requireArgument(
          secret.length >= MIN_SECRET_BYTES,
          "secret must be at least %d bytes, got %d",
          MIN_SECRET_BYTES,
          secret.length);
      this.secret = secret.clone();
    }

    /** Sets the wall clock; {@link InstantSource#system()} by default. */
    @CanIgnoreReturnValue
    public Builder clock(InstantSource c) {
      this.clock = requireNonNull(c, "clock");
      return this;
    }

    /** Sets the token lifetime, 10 seconds to 1 hour; 5 minutes by default. */
    @CanIgnoreReturnValue
    public Builder ttl(Duration d) {
      requireNonNull(d, "ttl");
      requireArgument(
          d.compareTo(Duration.ofSeconds(10)) >= 0 && d.compareTo(Duration.ofHours(1)) <= 0,
          "ttl must be between 10 seconds and 1 hour, got %s",
          d);
      this.ttl = d;
      return this;
    }

    /** Sets the single-use store; in memory by default. */
    @CanIgnoreReturnValue
    public Builder store(ChallengeStore s) {
      this.store = requireNonNull(s, "store");
      return this;
    }

    /** Sets the source of token IDs; a new {@link SecureRandom} by default. */
    @CanIgnoreReturnValue
    public Builder random(SecureRandom r) {
      this.random = requireNonNull(r, "random");
      return this;
    }

    /** Returns the token service. */
    public ChallengeTokens build() {
      return new ChallengeTokens(this);
    }
  }
}
