package dev.bulwark.ratelimit;

import static dev.bulwark.ratelimit.internal.Checks.requireInRange;
import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import dev.bulwark.ratelimit.internal.GcraCell;
import dev.bulwark.ratelimit.spi.StoreOperation;

/**
 * A key-less limit for the whole process: "at most 20,000 registrations per second on this server,
 * whoever sends them".
 *
 * <p>It is one GCRA state word, with no map lookup. A denial only reads that word, so a flood that
 * is being refused costs no writes and scales across cores; an admission is one compare-and-set.
 *
 * <p>This class is thread-safe, lock-free, and allocation-free in {@link #tryAcquire()}.
 */
public final class GlobalRateLimiter {
  private final RatePolicy policy;
  private final Ticker ticker;
  private final long interval;
  private final long tau;
  private final GcraCell cell;
  private final long origin; // the cell keeps times relative to it; see MemoryRateLimitStore

  private GlobalRateLimiter(RateLimit limit, Ticker ticker) {
    this.policy = RatePolicy.of("global", limit);
    this.ticker = ticker;
    this.interval = limit.refillIntervalNanos();
    this.tau = limit.burstWindowNanos();
    this.origin = ticker.read();
    this.cell = new GcraCell(0);
  }

  /** Returns a limiter that starts full, with the system ticker. */
  public static GlobalRateLimiter of(RateLimit limit) {
    return of(limit, Ticker.system());
  }

  /** Returns a limiter that starts full, reading time from {@code ticker}. */
  public static GlobalRateLimiter of(RateLimit limit, Ticker ticker) {
    return new GlobalRateLimiter(requireNonNull(limit, "limit"), requireNonNull(ticker, "ticker"));
  }

  /** The limit enforced. */
  public RateLimit limit() {
    return policy.limits().get(0);
  }

  /** Takes one permit if there is one. */
  public boolean tryAcquire() {
    return cell.tryAcquire(interval, tau, ticker.read() - origin) == GcraCell.GRANTED;
  }

  /**
   * Takes {@code permits} if they are all there, else nothing.
   *
   * @throws IllegalArgumentException if {@code permits} is not in {@code [1, capacity]}
   */
  public RateLimitDecision tryAcquire(int permits) {
    requireInRange("permits", permits, 1, policy.minCapacity());
    // The cell is never retired, so there is always a decision.
    return java.util.Objects.requireNonNull(
        cell.apply(policy, StoreOperation.ACQUIRE, permits, ticker.read() - origin));
  }

  @Override
  public String toString() {
    return "GlobalRateLimiter[" + limit() + "]";
  }
}
