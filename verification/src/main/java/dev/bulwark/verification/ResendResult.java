package dev.bulwark.verification;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The result of a resend: the status, the new code if one was issued, when it expires and when the
 * next resend is allowed. {@code toString()} never shows the code. Instances are immutable.
 */
public final class ResendResult {
  private static final long NEVER = Long.MIN_VALUE;

  private final ResendStatus status;
  private final @Nullable OneTimeCode code;
  private final long codeExpiresAtMillis;
  private final long nextResendAtMillis;

  ResendResult(ResendStatus status, @Nullable OneTimeCode code, long codeExpiresAt, long nextResendAt) {
    this.status = status;
    this.code = code;
    this.codeExpiresAtMillis = codeExpiresAt;
    this.nextResendAtMillis = nextResendAt;
  }

  /** The status. */
  public ResendStatus status() {
    return status;
  }

  /** Whether a new code was issued. */
  public boolean isSent() {
    return status == ResendStatus.SENT;
  }

  /** The new code, when {@link #status()} is {@link ResendStatus#SENT}. */
  public Optional<OneTimeCode> code() {
    return Optional.ofNullable(code);
  }

  /** When the new code expires, when one was issued. */
  public Optional<Instant> codeExpiresAt() {
    return at(codeExpiresAtMillis);
  }

  /** When the next resend is allowed; empty if the session may send no more or does not exist. */
  public Optional<Instant> nextResendAt() {
    return at(nextResendAtMillis);
  }

  private static Optional<Instant> at(long millis) {
    return millis == NEVER ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
  }

  @Override
  public String toString() {
    return "ResendResult["
        + status
        + (code != null ? ", " + code : "")
        + nextResendAt().map(t -> ", nextResendAt=" + t).orElse("")
        + "]";
  }
}
