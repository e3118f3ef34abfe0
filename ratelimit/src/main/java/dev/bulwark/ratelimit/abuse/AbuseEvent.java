package dev.bulwark.ratelimit.abuse;

import dev.bulwark.ratelimit.RateLimitKey;
import java.time.Duration;

/**
 * What an {@link AbuseMonitor} reports to its {@link AbuseListener}s: a {@link HeavyHitter} or a
 * {@link RateAnomaly}.
 *
 * <p>Events are immutable. They carry the {@link RateLimitKey} the host recorded (so a listener can
 * act on it, for example {@linkplain Blocklist#block ban} it), and their {@code toString()} shows
 * only the key's kind, never its identifier.
 */
public sealed interface AbuseEvent permits AbuseEvent.HeavyHitter, AbuseEvent.RateAnomaly {

  /** The key the event is about. */
  RateLimitKey key();

  /**
   * A key whose estimated weight within the sliding window reached its dimension's threshold.
   * Reported once each time the estimate crosses the threshold from below.
   *
   * @param dimension the dimension the key was recorded in
   * @param key the key, as recorded
   * @param estimatedCount the estimated weight in the window when it crossed; never below the true
   *     weight recorded for the key in the window by more than {@code maxUnderestimate}
   * @param threshold the dimension's threshold
   * @param window the length of the sliding window
   */
  record HeavyHitter(
      AbuseMonitor.Dimension dimension,
      RateLimitKey key,
      long estimatedCount,
      long threshold,
      Duration window)
      implements AbuseEvent {

    @Override
    public String toString() {
      return "HeavyHitter["
          + dimension
          + ", "
          + key
          + ", ~"
          + estimatedCount
          + " >= "
          + threshold
          + " per "
          + window
          + "]";
    }
  }

  /**
   * An endpoint whose request count in the current baseline interval rose above its learned
   * baseline: {@code observed >= max(minimumCount, mean + sigmas * sd, mean * minimumRatio)}.
   * Reported once per interval, at the moment the count crosses.
   *
   * @param key the endpoint, as recorded in {@link AbuseMonitor.Dimension#ENDPOINT}
   * @param observed the count so far in the current interval
   * @param baselineMean the EWMA of past interval counts
   * @param baselineStandardDeviation the EWMA standard deviation of past interval counts
   * @param threshold the count that was crossed
   * @param interval the length of a baseline interval
   */
  record RateAnomaly(
      RateLimitKey key,
      long observed,
      double baselineMean,
      double baselineStandardDeviation,
      long threshold,
      Duration interval)
      implements AbuseEvent {

    @Override
    public String toString() {
      return String.format(
          java.util.Locale.ROOT,
          "RateAnomaly[%s, %d >= %d per %s, baseline %.1f +- %.1f]",
          key,
          observed,
          threshold,
          interval,
          baselineMean,
          baselineStandardDeviation);
    }
  }
}
