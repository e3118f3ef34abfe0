package dev.bulwark.ratelimit.concurrency;

import static dev.bulwark.ratelimit.internal.Checks.requireArgument;
import static dev.bulwark.ratelimit.internal.Checks.requireInRange;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.util.Locale;

/**
 * A delay-gradient limit in the style of Netflix's concurrency-limits {@code GradientLimit}: the
 * limit follows the ratio of the no-load latency to the current latency, so it backs off as soon as
 * requests start to queue, before anything times out.
 *
 * <p>Samples are gathered over one round trip (until a request admitted after the last update
 * completes), and then: {@code gradient = clamp(tolerance * noLoadRtt / meanRtt, 0.5, 1)}; {@code
 * target = limit * gradient + queueSize}; the limit moves toward the target by the smoothing
 * factor. Updating once per round trip, as TCP does, matters: per-sample updates keep growing the
 * limit for a whole round trip before the first slow sample shows the overshoot, and the limit
 * oscillates. At equilibrium on an overloaded service whose latency grows in proportion to
 * concurrency beyond its capacity {@code C}, the limit settles near {@code tolerance * C +
 * queueSize}: the service stays busy with a small queue and everything beyond is shed. A drop in
 * the round trip counts as gradient 0.5. The limit does not grow while less than half of it was in
 * use.
 *
 * <p>The no-load latency is the smallest latency seen since the last probe. Every {@code
 * probeInterval} round trips the estimator forgets it, so that it can follow a service that became
 * slower. While the limit is in use the no-load latency cannot be observed, so the probe also
 * halves the limit, which (for a tolerance up to 2 and capacities above {@code 2 * queueSize})
 * drains the queue: requests admitted afterwards measure the no-load latency afresh, and samples
 * from requests admitted before the probe are ignored, since they carry the old queue's latency.
 * The limit then grows back by about {@code smoothing * queueSize} per round trip. A service using
 * less than half its limit is probed without halving it.
 *
 * <p>Immutable.
 */
public final class GradientLimit extends LimitAlgorithm {

  private final double smoothing;
  private final double tolerance;
  private final int queueSize;
  private final int probeInterval;

  private GradientLimit(Builder b) {
    super(b.range);
    this.smoothing = b.smoothing;
    this.tolerance = b.tolerance;
    this.queueSize = b.queueSize;
    this.probeInterval = b.probeInterval;
  }

  /**
   * Returns a builder with the defaults: limit 20 in [1, 1000], smoothing 0.2, tolerance 1.5, queue
   * size 4, probe every 1,000 round trips.
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  Estimator newEstimator() {
    return new Estimator() {
      private double limit = initialLimit;
      private long noLoadRtt = Long.MAX_VALUE;
      private int untilProbe = probeInterval;
      private boolean probed;
      private long lastProbeNanos;
      private boolean started;
      private long windowStartNanos;
      private long windowRttSum;
      private int windowSamples;
      private int windowMaxInflight;
      private boolean windowDropped;

      @Override
      public int update(long startNanos, long nowNanos, int inflight, boolean dropped) {
        if (probed && startNanos - lastProbeNanos < 0) {
          return (int) limit; // admitted before the probe: it measured the old queue
        }
        long rtt = Math.max(1, nowNanos - startNanos);
        windowRttSum += rtt;
        windowSamples++;
        windowMaxInflight = Math.max(windowMaxInflight, inflight);
        windowDropped |= dropped;
        if (!dropped) {
          noLoadRtt = Math.min(noLoadRtt, rtt);
        }
        if (started && startNanos - windowStartNanos < 0) {
          return (int) limit; // the round trip is not over
        }
        started = true;
        windowStartNanos = nowNanos;
        double meanRtt = windowRttSum / (double) windowSamples;
        boolean appLimited = windowMaxInflight * 2L < limit;
        boolean wasDropped = windowDropped;
        windowRttSum = 0;
        windowSamples = 0;
        windowMaxInflight = 0;
        windowDropped = false;

        if (--untilProbe <= 0) {
          untilProbe = probeInterval;
          if (appLimited) {
            noLoadRtt = rtt; // the service is not queueing: this sample is a no-load latency
          } else {
            noLoadRtt = Long.MAX_VALUE;
            limit = Math.max(minLimit, limit / 2);
            probed = true;
            lastProbeNanos = nowNanos;
            return (int) limit;
          }
        }
        double gradient =
            wasDropped || noLoadRtt == Long.MAX_VALUE
                ? 0.5
                : Math.max(0.5, Math.min(1.0, tolerance * noLoadRtt / meanRtt));
        double target = limit * gradient + queueSize;
        if (target > limit && appLimited) {
          return (int) limit; // not using the limit we have: no evidence for a larger one
        }
        limit = limit * (1 - smoothing) + target * smoothing;
        limit = Math.max(minLimit, Math.min(maxLimit, limit));
        return (int) limit;
      }
    };
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "GradientLimit[initial %d in [%d, %d], smoothing %s, tolerance %s, queue %d, probe %d]",
        initialLimit,
        minLimit,
        maxLimit,
        smoothing,
        tolerance,
        queueSize,
        probeInterval);
  }

  /** Builds a {@link GradientLimit}. */
  public static final class Builder {
    private Range range = Range.DEFAULT;
    private double smoothing = 0.2;
    private double tolerance = 1.5;
    private int queueSize = 4;
    private int probeInterval = 1000;

    private Builder() {}

    /**
     * Sets the limit before any sample and the range the limit stays in (1 to 1,000,000, initial
     * within the range); 20 in [1, 1000] by default.
     */
    @CanIgnoreReturnValue
    public Builder limits(int initial, int min, int max) {
      this.range = Range.of(initial, min, max);
      return this;
    }

    /** Sets how far each sample moves the limit toward its target, in (0, 1]; 0.2 by default. */
    @CanIgnoreReturnValue
    public Builder smoothing(double smoothing) {
      requireArgument(
          smoothing > 0 && smoothing <= 1, "smoothing must be in (0, 1], got %s", smoothing);
      this.smoothing = smoothing;
      return this;
    }

    /**
     * Sets how much slower than the no-load latency a request may be before the limit shrinks, in
     * [1, 10]; 1.5 by default.
     */
    @CanIgnoreReturnValue
    public Builder tolerance(double tolerance) {
      requireArgument(
          tolerance >= 1 && tolerance <= 10, "tolerance must be in [1, 10], got %s", tolerance);
      this.tolerance = tolerance;
      return this;
    }

    /** Sets the queue allowed on top of the estimated capacity, 0 to 1,000; 4 by default. */
    @CanIgnoreReturnValue
    public Builder queueSize(int queueSize) {
      this.queueSize = requireInRange("queueSize", queueSize, 0, 1000);
      return this;
    }

    /** Sets the round trips between no-load probes, 10 to 10,000,000; 1,000 by default. */
    @CanIgnoreReturnValue
    public Builder probeInterval(int roundTrips) {
      this.probeInterval = requireInRange("probeInterval", roundTrips, 10, 10_000_000);
      return this;
    }

    /** Returns the algorithm. */
    public GradientLimit build() {
      return new GradientLimit(this);
    }
  }
}
