package dev.bulwark.ratelimit.abuse;

import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import dev.bulwark.ratelimit.RateLimitDecision;
import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.RateLimiter;

/**
 * A {@link Blocklist} in front of a {@link RateLimiter}: a blocked key is denied without touching
 * the limiter (so a ban costs no permits and reveals nothing about them), any other key goes to the
 * limiter.
 *
 * <p>This is how limiters consult the blocklist: build one guard per limiter and call it where you
 * would call the limiter. The key checked against the blocklist can differ from the limited key
 * (say, ban the source prefix, limit the phone number): use {@link #tryAcquire(RateLimitKey,
 * RateLimitKey, int)}.
 *
 * <p>This class is thread-safe. A denial for a ban has a retry-after equal to the ban's remaining
 * time; checking costs one blocklist read and one limiter decision, not atomic together (a ban
 * placed in between applies from the next call).
 */
public final class BlocklistGuard {

  private final Blocklist blocklist;
  private final RateLimiter limiter;

  private BlocklistGuard(Blocklist blocklist, RateLimiter limiter) {
    this.blocklist = blocklist;
    this.limiter = limiter;
  }

  /** Returns a guard that checks {@code blocklist}, then {@code limiter}. */
  public static BlocklistGuard of(Blocklist blocklist, RateLimiter limiter) {
    return new BlocklistGuard(
        requireNonNull(blocklist, "blocklist"), requireNonNull(limiter, "limiter"));
  }

  /** Takes one permit for {@code key} unless it is blocked; the hot path. */
  public boolean tryAcquire(RateLimitKey key) {
    return !blocklist.isBlocked(key) && limiter.tryAcquire(key);
  }

  /**
   * Denies {@code key} if it is blocked, else applies {@link RateLimiter#tryAcquire(RateLimitKey,
   * int)}.
   */
  public RateLimitDecision tryAcquire(RateLimitKey key, int permits) {
    return tryAcquire(key, key, permits);
  }

  /**
   * Denies if {@code bannedKey} is blocked, else takes {@code permits} for {@code limitedKey}.
   *
   * @throws IllegalArgumentException as {@link RateLimiter#tryAcquire(RateLimitKey, int)} does
   */
  public RateLimitDecision tryAcquire(
      RateLimitKey bannedKey, RateLimitKey limitedKey, int permits) {
    requireNonNull(limitedKey, "limitedKey");
    long banned = blocklist.remainingNanos(bannedKey);
    if (banned > 0) {
      return RateLimitDecision.denied(0, banned, banned);
    }
    return limiter.tryAcquire(limitedKey, permits);
  }

  /** The blocklist consulted first. */
  public Blocklist blocklist() {
    return blocklist;
  }

  /** The limiter consulted for keys that are not blocked. */
  public RateLimiter limiter() {
    return limiter;
  }

  @Override
  public String toString() {
    return "BlocklistGuard[" + blocklist + ", " + limiter + "]";
  }
}
