package dev.bulwark.ratelimit.concurrency;

import static dev.bulwark.ratelimit.internal.Checks.requireInRange;

/**
 * How a {@link ConcurrencyLimiter} learns its limit from samples: {@link AimdLimit} or {@link
 * GradientLimit}.
 *
 * <p>An algorithm is an immutable set of parameters; each limiter built from it gets its own
 * estimator state, so one algorithm can configure many limiters. The set is closed: a limit that
 * could be replaced by host code returning, say, {@code Integer.MAX_VALUE} would not protect
 * anything.
 */
public abstract class LimitAlgorithm {

  // Package-private and final: read by the estimators of the two algorithms.
  final int initialLimit;
  final int minLimit;
  final int maxLimit;

  LimitAlgorithm(Range range) {
    this.initialLimit = range.initial();
    this.minLimit = range.min();
    this.maxLimit = range.max();
  }

  /** The limit before any sample. */
  public final int initialLimit() {
    return initialLimit;
  }

  /** The smallest limit the algorithm ever sets. */
  public final int minLimit() {
    return minLimit;
  }

  /** The largest limit the algorithm ever sets. */
  public final int maxLimit() {
    return maxLimit;
  }

  /** A builder's limits: each in [1, MAX_LIMIT], min <= initial <= max. */
  record Range(int initial, int min, int max) {
    static final Range DEFAULT = new Range(20, 1, 1000);

    static Range of(int initial, int min, int max) {
      requireInRange("minLimit", min, 1, ConcurrencyLimiter.MAX_LIMIT);
      requireInRange("maxLimit", max, min, ConcurrencyLimiter.MAX_LIMIT);
      requireInRange("initialLimit", initial, min, max);
      return new Range(initial, min, max);
    }

    @Override
    public String toString() {
      return "initial " + initial + " in [" + min + ", " + max + "]";
    }
  }

  /** A fresh estimator for one limiter. */
  abstract Estimator newEstimator();

  /** The mutable state of one limiter's algorithm; called under the limiter's lock. */
  interface Estimator {

    /**
     * Takes one sample and returns the new limit, within {@code [minLimit, maxLimit]}.
     *
     * @param startNanos the ticker reading when the request was admitted
     * @param nowNanos the ticker reading now, when it completed
     * @param inflight the requests in flight when it was admitted, itself included
     * @param dropped whether the request was dropped (timed out, overloaded downstream)
     */
    int update(long startNanos, long nowNanos, int inflight, boolean dropped);
  }
}
