package dev.bulwark.ratelimit.spi;

import static dev.bulwark.ratelimit.internal.Checks.requireArgument;

import java.time.Duration;

/**
 * The state of one lockout counter as a {@link LockoutStore} reports it, at the moment of the
 * operation. Immutable.
 *
 * @param failures failures counted since the counter was last cleared or forgotten
 * @param lockouts locks imposed since then
 * @param lockedForNanos how much longer the current lock lasts; 0 if not locked
 * @param permanent whether the counter is locked until a success clears it
 * @param passes challenge passes left, each allowing one attempt past a subject-wide challenge
 */
public record LockoutState(
    int failures, int lockouts, long lockedForNanos, boolean permanent, int passes) {

  /** A counter with no history. */
  public static final LockoutState CLEAR = new LockoutState(0, 0, 0, false, 0);

  /** Validates the components. */
  public LockoutState {
    requireArgument(failures >= 0 && lockouts >= 0 && passes >= 0, "counts must not be negative");
    requireArgument(lockedForNanos >= 0, "lockedForNanos must not be negative");
  }

  /** Whether attempts are refused right now. */
  public boolean isLocked() {
    return permanent || lockedForNanos > 0;
  }

  /** How much longer the lock lasts ({@link Duration#ZERO} if none; meaningless if permanent). */
  public Duration lockedFor() {
    return Duration.ofNanos(lockedForNanos);
  }
}
