package dev.bulwark.ratelimit;

import static dev.bulwark.ratelimit.internal.Checks.requireArgument;
import static dev.bulwark.ratelimit.internal.Checks.requireInRange;
import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One limit: a burst capacity and a refill interval, enforced with GCRA.
 *
 * <p>A key starts full with {@link #capacity()} permits; one permit comes back every {@link
 * #refillInterval()}. This is exactly a token bucket, but it is kept as one {@code long} per key
 * (the theoretical arrival time) in integer nanoseconds, so no fraction of a permit is ever lost or
 * invented: in any window of length {@code T} a key admits at most {@code capacity + floor(T /
 * interval)} permits.
 *
 * <p>The rate factories ({@link #perSecond}, {@link #perMinute}, ...) divide their period by the
 * permit count; when that does not give a whole number of nanoseconds, the interval is rounded
 * <em>up</em>, so the limit is stricter than asked by less than one nanosecond per permit, never
 * looser.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RateLimit {

  /** The largest burst capacity a limit may have. */
  public static final int MAX_CAPACITY = 1_000_000_000;

  /**
   * The longest burst window ({@code capacity * interval}) a limit may have: about ten years. The
   * bound keeps every sum the algorithm forms far from {@code long} overflow.
   */
  public static final Duration MAX_BURST_WINDOW = Duration.ofDays(3660);

  private static final long MAX_BURST_WINDOW_NANOS = MAX_BURST_WINDOW.toNanos();

  private final int capacity;
  private final long intervalNanos;

  private RateLimit(int capacity, long intervalNanos) {
    this.capacity = capacity;
    this.intervalNanos = intervalNanos;
  }

  /**
   * Returns a limit of {@code capacity} permits in a burst, refilled one per {@code
   * refillInterval}.
   *
   * @throws IllegalArgumentException if {@code capacity} is not in {@code [1, MAX_CAPACITY]}, the
   *     interval is not positive, or {@code capacity * refillInterval} exceeds {@link
   *     #MAX_BURST_WINDOW}
   */
  public static RateLimit of(int capacity, Duration refillInterval) {
    requireNonNull(refillInterval, "refillInterval");
    requireInRange("capacity", capacity, 1, MAX_CAPACITY);
    requireArgument(
        !refillInterval.isNegative() && !refillInterval.isZero(),
        "refillInterval must be positive, got %s",
        refillInterval);
    requireArgument(
        refillInterval.compareTo(MAX_BURST_WINDOW) <= 0,
        "refillInterval must be at most %s, got %s",
        MAX_BURST_WINDOW,
        refillInterval);
    return ofNanos(capacity, refillInterval.toNanos());
  }

  /**
   * Returns {@code permits} per {@code period}, with a burst of {@code permits}: one permit comes
   * back every {@code period / permits}, rounded up to a whole nanosecond.
   *
   * @throws IllegalArgumentException if {@code permits} is not in {@code [1, MAX_CAPACITY]}, the
   *     period is not positive, or it exceeds {@link #MAX_BURST_WINDOW}
   */
  public static RateLimit per(int permits, Duration period) {
    requireNonNull(period, "period");
    requireArgument(
        !period.isNegative() && !period.isZero(), "period must be positive, got %s", period);
    requireArgument(
        period.compareTo(MAX_BURST_WINDOW) <= 0,
        "period must be at most %s, got %s",
        MAX_BURST_WINDOW,
        period);
    return perPeriod(permits, period);
  }

  /** Returns {@code permits} per second, with a burst of {@code permits}. */
  public static RateLimit perSecond(int permits) {
    return perPeriod(permits, Duration.ofSeconds(1));
  }

  /** Returns {@code permits} per minute, with a burst of {@code permits}. */
  public static RateLimit perMinute(int permits) {
    return perPeriod(permits, Duration.ofMinutes(1));
  }

  /** Returns {@code permits} per hour, with a burst of {@code permits}. */
  public static RateLimit perHour(int permits) {
    return perPeriod(permits, Duration.ofHours(1));
  }

  /** Returns {@code permits} per day, with a burst of {@code permits}. */
  public static RateLimit perDay(int permits) {
    return perPeriod(permits, Duration.ofDays(1));
  }

  private static RateLimit perPeriod(int permits, Duration period) {
    requireInRange("permits", permits, 1, MAX_CAPACITY);
    long periodNanos = period.toNanos();
    // Round up: a limit may be stricter than asked by under 1 ns per permit, never looser.
    long interval = Math.floorDiv(periodNanos + permits - 1, permits);
    return ofNanos(permits, interval);
  }

  private static RateLimit ofNanos(int capacity, long intervalNanos) {
    requireArgument(
        intervalNanos <= MAX_BURST_WINDOW_NANOS / capacity,
        "capacity * refillInterval must be at most %s (capacity %d, interval %dns)",
        MAX_BURST_WINDOW,
        capacity,
        intervalNanos);
    return new RateLimit(capacity, intervalNanos);
  }

  /** Returns a copy of this limit with another burst capacity and the same refill interval. */
  public RateLimit withCapacity(int newCapacity) {
    requireInRange("capacity", newCapacity, 1, MAX_CAPACITY);
    return ofNanos(newCapacity, intervalNanos);
  }

  /** The number of permits a full key holds. */
  public int capacity() {
    return capacity;
  }

  /** The time after which one permit comes back. */
  public Duration refillInterval() {
    return Duration.ofNanos(intervalNanos);
  }

  /** {@link #refillInterval()} in nanoseconds. */
  public long refillIntervalNanos() {
    return intervalNanos;
  }

  /** How long an emptied key takes to be full again: {@code capacity * refillInterval}. */
  public long burstWindowNanos() {
    return capacity * intervalNanos;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RateLimit
        && ((RateLimit) o).capacity == capacity
        && ((RateLimit) o).intervalNanos == intervalNanos;
  }

  @Override
  public int hashCode() {
    return 31 * capacity + Long.hashCode(intervalNanos);
  }

  @Override
  public String toString() {
    return "RateLimit[capacity=" + capacity + ", refill=1 per " + refillInterval() + "]";
  }
}
