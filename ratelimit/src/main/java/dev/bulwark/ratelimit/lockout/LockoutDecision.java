package dev.bulwark.ratelimit.lockout;

import java.time.Duration;

/**
 * What {@link LockoutGuard} says about one attempt.
 *
 * @param outcome go ahead, solve a challenge first, or wait
 * @param retryAfter for {@link Outcome#LOCKED}, how long to wait (zero otherwise, and meaningless
 *     when {@code permanent})
 * @param permanent for {@link Outcome#LOCKED}, whether only a recorded success lifts the lock
 */
public record LockoutDecision(Outcome outcome, Duration retryAfter, boolean permanent) {

  /** The three answers. */
  public enum Outcome {
    /** Verify the attempt. */
    ALLOW,
    /** Refuse the attempt until a challenge is passed ({@link LockoutGuard#challengePassed}). */
    CHALLENGE,
    /** Refuse the attempt without verifying it. */
    LOCKED
  }

  static final LockoutDecision ALLOW = new LockoutDecision(Outcome.ALLOW, Duration.ZERO, false);
  static final LockoutDecision CHALLENGE =
      new LockoutDecision(Outcome.CHALLENGE, Duration.ZERO, false);

  static LockoutDecision locked(long nanos, boolean permanent) {
    return new LockoutDecision(Outcome.LOCKED, Duration.ofNanos(nanos), permanent);
  }

  /** Whether the attempt may be verified. */
  public boolean isAllowed() {
    return outcome == Outcome.ALLOW;
  }

  /** {@link #retryAfter()} in whole seconds, rounded up. */
  public long retryAfterSeconds() {
    long nanos = retryAfter.toNanos();
    return nanos / 1_000_000_000L + (nanos % 1_000_000_000L == 0 ? 0 : 1);
  }
}
