package dev.bulwark.ratelimit;

import static dev.bulwark.ratelimit.internal.Checks.requireArgument;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The answer to one request: admitted or not, how many permits are left, when to retry and when the
 * key will be full again.
 *
 * <p>Durations are exact to the nanosecond; the {@code ...Seconds()} and {@code ...Millis()}
 * conversions round <em>up</em>, so a client that waits the advertised time is never turned away
 * for having waited a fraction too little. Instances are immutable.
 */
public final class RateLimitDecision {

  private final boolean allowed;
  private final long remaining;
  private final long retryAfterNanos;
  private final long resetAfterNanos;
  private final boolean degraded;

  private RateLimitDecision(
      boolean allowed,
      long remaining,
      long retryAfterNanos,
      long resetAfterNanos,
      boolean degraded) {
    requireArgument(remaining >= 0, "remaining must not be negative, got %d", remaining);
    requireArgument(
        retryAfterNanos >= 0, "retryAfter must not be negative, got %d", retryAfterNanos);
    requireArgument(
        resetAfterNanos >= 0, "resetAfter must not be negative, got %d", resetAfterNanos);
    requireArgument(allowed || retryAfterNanos > 0, "a denial needs a positive retryAfter");
    this.allowed = allowed;
    this.remaining = remaining;
    this.retryAfterNanos = allowed ? 0 : retryAfterNanos;
    this.resetAfterNanos = resetAfterNanos;
    this.degraded = degraded;
  }

  /** An admitted request, with the permits left and the time until the key is full again. */
  public static RateLimitDecision allowed(long remaining, long resetAfterNanos) {
    return new RateLimitDecision(true, remaining, 0, resetAfterNanos, false);
  }

  /** A denied request; {@code retryAfterNanos} must be positive. */
  public static RateLimitDecision denied(
      long remaining, long retryAfterNanos, long resetAfterNanos) {
    return new RateLimitDecision(false, remaining, retryAfterNanos, resetAfterNanos, false);
  }

  /** The same decision, marked as taken by a {@link FailureMode} because the store failed. */
  public RateLimitDecision asDegraded() {
    return new RateLimitDecision(allowed, remaining, retryAfterNanos, resetAfterNanos, true);
  }

  /** Whether the request was admitted (and its permits consumed, for an acquire). */
  public boolean isAllowed() {
    return allowed;
  }

  /**
   * The permits a request could take right now, after this decision; the minimum over all limits.
   */
  public long remaining() {
    return remaining;
  }

  /**
   * Zero if allowed; otherwise the earliest time after which the same request would be admitted.
   */
  public Duration retryAfter() {
    return Duration.ofNanos(retryAfterNanos);
  }

  /** {@link #retryAfter()} in nanoseconds. */
  public long retryAfterNanos() {
    return retryAfterNanos;
  }

  /** {@link #retryAfter()} in whole milliseconds, rounded up. */
  public long retryAfterMillis() {
    return ceilDiv(retryAfterNanos, 1_000_000L);
  }

  /**
   * {@link #retryAfter()} in whole seconds, rounded up: the value for an HTTP Retry-After header.
   */
  public long retryAfterSeconds() {
    return ceilDiv(retryAfterNanos, 1_000_000_000L);
  }

  /** The time until every limit of the key is full again if nothing more is taken. */
  public Duration resetAfter() {
    return Duration.ofNanos(resetAfterNanos);
  }

  /** {@link #resetAfter()} in nanoseconds. */
  public long resetAfterNanos() {
    return resetAfterNanos;
  }

  /** {@link #resetAfter()} in whole seconds, rounded up. */
  public long resetAfterSeconds() {
    return ceilDiv(resetAfterNanos, 1_000_000_000L);
  }

  /** Whether the store failed and the policy's {@link FailureMode} decided instead. */
  public boolean isDegraded() {
    return degraded;
  }

  private static long ceilDiv(long x, long y) {
    return -Math.floorDiv(-x, y);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof RateLimitDecision)) {
      return false;
    }
    RateLimitDecision d = (RateLimitDecision) o;
    return allowed == d.allowed
        && remaining == d.remaining
        && retryAfterNanos == d.retryAfterNanos
        && resetAfterNanos == d.resetAfterNanos
        && degraded == d.degraded;
  }

  @Override
  public int hashCode() {
    int h = Boolean.hashCode(allowed);
    h = 31 * h + Long.hashCode(remaining);
    h = 31 * h + Long.hashCode(retryAfterNanos);
    h = 31 * h + Long.hashCode(resetAfterNanos);
    return 31 * h + Boolean.hashCode(degraded);
  }

  @Override
  public String toString() {
    return "RateLimitDecision["
        + (allowed ? "allowed" : "denied, retryAfter=" + retryAfter())
        + ", remaining="
        + remaining
        + ", resetAfter="
        + resetAfter()
        + (degraded ? ", degraded" : "")
        + "]";
  }
}
