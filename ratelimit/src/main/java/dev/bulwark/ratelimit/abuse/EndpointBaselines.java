package dev.bulwark.ratelimit.abuse;

import dev.bulwark.ratelimit.RateLimitKey;
import java.time.Duration;
import java.util.HashMap;
import org.jspecify.annotations.Nullable;

/**
 * An EWMA of per-interval request counts for each endpoint, with an EWMA variance, that reports a
 * count rising above {@code max(minimumCount, mean + sigmas * sd, mean * minimumRatio)} as soon as
 * it crosses. (The ratio floor matters: an EWMA variance over a few dozen intervals is itself
 * noisy, and a run of quiet intervals can shrink it until ordinary noise looks like a surge.)
 * Intervals that crossed feed the baseline only up to the threshold, so a sustained attack does not
 * quickly become the new normal. Bounded to {@code maximumEndpoints}; further endpoints are not
 * baselined. Thread-safe through its monitor.
 */
final class EndpointBaselines {
  // Quiet intervals beyond this many are folded in at once: the baseline has decayed by then.
  private static final int MAX_QUIET_INTERVALS_REPLAYED = 1024;

  private final long intervalNanos;
  private final Duration interval;
  private final double alpha;
  private final double sigmas;
  private final long minimumCount;
  private final double minimumRatio;
  private final int warmupIntervals;
  private final int maximumEndpoints;
  private final HashMap<RateLimitKey, Baseline> baselines = new HashMap<>();

  private final class Baseline {
    double mean;
    double variance;
    int intervalsSeen;
    long count;
    long start;
    long threshold = Long.MAX_VALUE;

    Baseline(long now) {
      this.start = now;
    }

    void advance(long now) {
      long elapsed = now - start;
      if (elapsed < intervalNanos) {
        return;
      }
      long steps = elapsed / intervalNanos;
      close(count);
      for (long i = 1; i < Math.min(steps, MAX_QUIET_INTERVALS_REPLAYED); i++) {
        close(0);
      }
      count = 0;
      start += steps * intervalNanos;
      threshold =
          intervalsSeen < warmupIntervals
              ? Long.MAX_VALUE
              : (long)
                  Math.ceil(
                      Math.max(
                          minimumCount,
                          Math.max(mean + sigmas * Math.sqrt(variance), mean * minimumRatio)));
    }

    private void close(long observed) {
      double x = Math.min(observed, threshold);
      if (intervalsSeen == 0) {
        mean = x;
      } else {
        double diff = x - mean;
        mean += alpha * diff;
        variance = (1 - alpha) * (variance + alpha * diff * diff);
      }
      intervalsSeen = intervalsSeen == Integer.MAX_VALUE ? intervalsSeen : intervalsSeen + 1;
    }
  }

  EndpointBaselines(
      Duration interval,
      double alpha,
      double sigmas,
      long minimumCount,
      double minimumRatio,
      int warmupIntervals,
      int maximumEndpoints) {
    this.interval = interval;
    this.intervalNanos = interval.toNanos();
    this.alpha = alpha;
    this.sigmas = sigmas;
    this.minimumCount = minimumCount;
    this.minimumRatio = minimumRatio;
    this.warmupIntervals = warmupIntervals;
    this.maximumEndpoints = maximumEndpoints;
  }

  /** Records and returns an anomaly if this update made the interval's count cross, else null. */
  synchronized AbuseEvent.@Nullable RateAnomaly record(
      RateLimitKey endpoint, long weight, long now) {
    Baseline b = baselines.get(endpoint);
    if (b == null) {
      if (baselines.size() >= maximumEndpoints) {
        return null;
      }
      b = new Baseline(now);
      baselines.put(endpoint, b);
    }
    b.advance(now);
    long before = b.count;
    b.count += weight;
    if (before < b.threshold && b.count >= b.threshold) {
      return new AbuseEvent.RateAnomaly(
          endpoint, b.count, b.mean, Math.sqrt(b.variance), b.threshold, interval);
    }
    return null;
  }

  synchronized void advance(long now) {
    baselines.values().forEach(b -> b.advance(now));
  }

  synchronized int size() {
    return baselines.size();
  }
}
