package dev.bulwark.verification;

import static dev.bulwark.verification.internal.Checks.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The result of one one-time code verification: a status, the attempts left on the code, and when
 * the next attempt and the next resend are allowed. Instances are immutable and never hold the
 * code.
 */
public final class CodeVerification {
  private static final long NEVER = Long.MIN_VALUE;
  private static final CodeVerification NOT_FOUND =
      new CodeVerification(CodeVerificationStatus.NOT_FOUND, 0, NEVER, NEVER);
  private static final CodeVerification MALFORMED =
      new CodeVerification(CodeVerificationStatus.MALFORMED, 0, NEVER, NEVER);

  private final CodeVerificationStatus status;
  private final int attemptsRemaining;
  private final long nextAttemptAtMillis;
  private final long nextResendAtMillis;

  private CodeVerification(
      CodeVerificationStatus status, int attemptsRemaining, long nextAttemptAt, long nextResendAt) {
    this.status = requireNonNull(status, "status");
    this.attemptsRemaining = attemptsRemaining;
    this.nextAttemptAtMillis = nextAttemptAt;
    this.nextResendAtMillis = nextResendAt;
  }

  /**
   * Returns a result; for stores. {@code nextAttemptAtMillis} and {@code nextResendAtMillis} are
   * epoch milliseconds, or {@link Long#MIN_VALUE} for "not allowed" (no attempt on this code; no
   * more sends in this session).
   */
  public static CodeVerification of(
      CodeVerificationStatus status,
      int attemptsRemaining,
      long nextAttemptAtMillis,
      long nextResendAtMillis) {
    return new CodeVerification(status, Math.max(0, attemptsRemaining), nextAttemptAtMillis, nextResendAtMillis);
  }

  /** The result for an unknown, expired or consumed session. */
  public static CodeVerification notFound() {
    return NOT_FOUND;
  }

  /** The result for input that is not a code of the policy's length. */
  public static CodeVerification malformed() {
    return MALFORMED;
  }

  /** The status. */
  public CodeVerificationStatus status() {
    return status;
  }

  /** Whether the code was right and is now consumed. */
  public boolean isVerified() {
    return status == CodeVerificationStatus.VERIFIED;
  }

  /** The attempts left on this code: positive after {@code INVALID}, else 0. */
  public int attemptsRemaining() {
    return attemptsRemaining;
  }

  /**
   * When another attempt on this code is allowed (now, after {@code INVALID}); empty if this code
   * can no longer be tried and only a resend helps.
   */
  public Optional<Instant> nextAttemptAt() {
    return at(nextAttemptAtMillis);
  }

  /** When a resend is allowed; empty if the session may send no more codes or does not exist. */
  public Optional<Instant> nextResendAt() {
    return at(nextResendAtMillis);
  }

  private static Optional<Instant> at(long millis) {
    return millis == NEVER ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof CodeVerification)) {
      return false;
    }
    CodeVerification v = (CodeVerification) o;
    return status == v.status
        && attemptsRemaining == v.attemptsRemaining
        && nextAttemptAtMillis == v.nextAttemptAtMillis
        && nextResendAtMillis == v.nextResendAtMillis;
  }

  @Override
  public int hashCode() {
    int h = status.hashCode();
    h = 31 * h + attemptsRemaining;
    h = 31 * h + Long.hashCode(nextAttemptAtMillis);
    return 31 * h + Long.hashCode(nextResendAtMillis);
  }

  @Override
  public String toString() {
    return "CodeVerification["
        + status
        + ", attemptsRemaining="
        + attemptsRemaining
        + nextAttemptAt().map(t -> ", nextAttemptAt=" + t).orElse("")
        + nextResendAt().map(t -> ", nextResendAt=" + t).orElse("")
        + "]";
  }
}
