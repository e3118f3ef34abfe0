package dev.bulwark.ratelimit.spi;

import dev.bulwark.ratelimit.lockout.LockoutPolicy;

/**
 * Where lockout counters live. Each method is one atomic transition of one counter; the store
 * reads time itself. Keys arrive already built (and hashed, if the host asked for key privacy);
 * stores must not log them. A counter that has been quiet for its policy's decay period and is not
 * locked may be dropped: it reads as {@link LockoutState#CLEAR}. Implementations are thread-safe
 * and fail closed: a store that cannot answer throws, and callers refuse the attempt.
 */
public interface LockoutStore {

  /**
   * Atomically records a failure: forgets old failures if the counter was quiet for the decay
   * period after its last lock ended; ignores the failure if the counter is locked (the attempt should have been refused);
   * otherwise counts it, uses up one challenge pass if any, and locks for {@link
   * LockoutPolicy#lockNanos} of the new lock-out count once failures exceed the free ones.
   *
   * @return the state after the failure
   */
  LockoutState recordFailure(String key, LockoutPolicy policy);

  /** Returns the counter's state now, applying decay, changing nothing. */
  LockoutState status(String key, LockoutPolicy policy);

  /** Atomically adds {@code passes} challenge passes to the counter. */
  LockoutState grantPasses(String key, LockoutPolicy policy, int passes);

  /** Atomically clears the counter: failures, locks, permanence and passes. */
  void clear(String key);
}
