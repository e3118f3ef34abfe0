package dev.bulwark.ratelimit.challenge;

import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import dev.bulwark.ratelimit.RateLimit;
import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.RateLimiter;
import dev.bulwark.ratelimit.RatePolicy;
import java.time.Duration;

/**
 * Lifts a rate limit for a key whose client passed a challenge, at most so often: passing a
 * challenge resets the limit it answered, and the resets are themselves rate-limited per key (2 per
 * 12 hours by default, as in Signal-Server), so solving challenges never becomes a way around the
 * limit. Thread-safe.
 */
public final class ChallengeLifts {
  private final RateLimiter lifts;

  private ChallengeLifts(RateLimiter lifts) {
    this.lifts = lifts;
  }

  /** Lifts rate-limited to 2 in a burst and one more every 6 hours, kept in memory. */
  public static ChallengeLifts defaults() {
    return of(
        RateLimiter.inMemory(
            RatePolicy.of("challenge-lifts", RateLimit.of(2, Duration.ofHours(6)))));
  }

  /** Lifts rate-limited by {@code liftLimiter} (one permit per lift, per key). */
  public static ChallengeLifts of(RateLimiter liftLimiter) {
    return new ChallengeLifts(requireNonNull(liftLimiter, "liftLimiter"));
  }

  /**
   * Resets {@code key} in {@code answered} if the key has a lift left.
   *
   * @return whether the limit was lifted
   */
  public boolean lift(RateLimiter answered, RateLimitKey key) {
    requireNonNull(answered, "answered");
    if (!lifts.tryAcquire(key)) {
      return false;
    }
    answered.reset(key);
    return true;
  }
}
