package dev.bulwark.ratelimit.challenge;

import static dev.bulwark.ratelimit.internal.Checks.requireArgument;
import static dev.bulwark.ratelimit.internal.Checks.requireInRange;
import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.internal.Base64Url;
import dev.bulwark.ratelimit.spi.ChallengeVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * SHA-256 hashcash. The server issues a {@link ChallengeKind#PROOF_OF_WORK} token whose parameter
 * is the difficulty {@code d}; the client finds an answer (1 to 32 characters of {@code A-Z a-z 0-9
 * _ -}) such that {@code SHA-256(token ":" answer)} starts with {@code d} zero bits, which takes
 * about 2<sup>d</sup> hashes; checking it takes one. The subject and purpose are bound through the
 * token's MAC, so a solution is worthless for any other subject, purpose or token.
 *
 * <p>Difficulty rises with load: {@code base + round(load * (max - base))}, where load is read from
 * an injected supplier in {@code [0, 1]} (values outside are clamped). Thread-safe.
 */
public final class ProofOfWork implements ChallengeVerifier {

  /** The longest answer accepted. */
  public static final int MAX_ANSWER_LENGTH = 32;

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(ProofOfWork::newDigest);

  private final ChallengeTokens tokens;
  private final int baseDifficulty;
  private final int maxDifficulty;
  private final DoubleSupplier load;

  private ProofOfWork(Builder b) {
    this.tokens = b.tokens;
    this.baseDifficulty = b.baseDifficulty;
    this.maxDifficulty = b.maxDifficulty;
    this.load = b.load;
  }

  /** Returns a builder issuing and checking tokens with {@code tokens}. */
  public static Builder builder(ChallengeTokens tokens) {
    return new Builder(tokens);
  }

  @Override
  public ChallengeKind kind() {
    return ChallengeKind.PROOF_OF_WORK;
  }

  /** The difficulty a challenge issued now gets. */
  public int currentDifficulty() {
    double l = load.getAsDouble();
    double clamped = Double.isNaN(l) ? 1 : Math.max(0, Math.min(1, l));
    return baseDifficulty + (int) Math.round(clamped * (maxDifficulty - baseDifficulty));
  }

  /** Issues a challenge at the current difficulty. */
  public ChallengeTokens.IssuedToken issue(RateLimitKey subject, String purpose) {
    return tokens.issue(ChallengeKind.PROOF_OF_WORK, currentDifficulty(), subject, purpose);
  }

  @Override
  public ChallengeOutcome verify(
      @Nullable String token, RateLimitKey subject, String purpose, @Nullable String answer) {
    ChallengeTokens.TokenCheck check =
        tokens.check(token, ChallengeKind.PROOF_OF_WORK, subject, purpose);
    if (!check.outcome().passed()) {
      return check.outcome();
    }
    if (!isWellFormedAnswer(answer)) {
      return ChallengeOutcome.MALFORMED;
    }
    if (!meetsDifficulty(work(token, answer), check.parameter())) {
      return ChallengeOutcome.FAILED;
    }
    return tokens.redeem(check);
  }

  /**
   * Finds an answer to {@code token} at {@code difficulty}: the client's side, for Java clients and
   * tests. Takes about 2<sup>difficulty</sup> hashes.
   */
  public static String solve(String token, int difficulty) {
    requireNonNull(token, "token");
    requireInRange("difficulty", difficulty, 0, 40);
    for (long n = 0; ; n++) {
      String answer = Long.toString(n, 36);
      if (meetsDifficulty(work(token, answer), difficulty)) {
        return answer;
      }
    }
  }

  private static byte[] work(String token, String answer) {
    MessageDigest sha = SHA256.get();
    sha.update(token.getBytes(StandardCharsets.US_ASCII));
    sha.update((byte) ':');
    return sha.digest(answer.getBytes(StandardCharsets.US_ASCII));
  }

  static boolean meetsDifficulty(byte[] hash, int bits) {
    int full = bits / 8;
    for (int i = 0; i < full; i++) {
      if (hash[i] != 0) {
        return false;
      }
    }
    int rest = bits % 8;
    return rest == 0 || (hash[full] & 0xFF) >>> (8 - rest) == 0;
  }

  private static boolean isWellFormedAnswer(@Nullable String answer) {
    return answer != null
        && !answer.isEmpty()
        && answer.length() <= MAX_ANSWER_LENGTH
        && Base64Url.isAlphabet(answer);
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "ProofOfWork[difficulty " + baseDifficulty + ".." + maxDifficulty + " bits]";
  }

  /** Builds a {@link ProofOfWork}. */
  public static final class Builder {
    private final ChallengeTokens tokens;
    private int baseDifficulty = 20;
    private int maxDifficulty = 26;
    private DoubleSupplier load = () -> 0;

    private Builder(ChallengeTokens tokens) {
      this.tokens = requireNonNull(tokens, "tokens");
    }

    /** The difficulty without load, 8 to 32 bits; 20 (about a million hashes) by default. */
    @CanIgnoreReturnValue
    public Builder baseDifficulty(int bits) {
      this.baseDifficulty = requireInRange("baseDifficulty", bits, 8, 32);
      return this;
    }

    /** The difficulty at full load, 8 to 32 bits; 26 by default. */
    @CanIgnoreReturnValue
    public Builder maxDifficulty(int bits) {
      this.maxDifficulty = requireInRange("maxDifficulty", bits, 8, 32);
      return this;
    }

    /** The load signal in {@code [0, 1]}; constant 0 by default. */
    @CanIgnoreReturnValue
    public Builder load(DoubleSupplier signal) {
      this.load = requireNonNull(signal, "load");
      return this;
    }

    /**
     * Returns the verifier.
     *
     * @throws IllegalArgumentException if the base difficulty exceeds the maximum
     */
    public ProofOfWork build() {
      requireArgument(
          baseDifficulty <= maxDifficulty,
          "baseDifficulty (%d) must not exceed maxDifficulty (%d)",
          baseDifficulty,
          maxDifficulty);
      return new ProofOfWork(this);
    }
  }
}
