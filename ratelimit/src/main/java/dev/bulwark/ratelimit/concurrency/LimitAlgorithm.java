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

  LimitAlgorithm() {}

  /** Checks a builder's limits: each in [1, MAX_LIMIT], min <= initial <= max. */
  static void checkLimits(int initial, int min, int max) {
    requireInRange("minLimit", min, 1, ConcurrencyLimiter.MAX_LIMIT);
    requireInRange("maxLimit", max, min, ConcurrencyLimiter.MAX_LIMIT);
    requireInRange("initialLimit", initial, min, max);
  }

  /** The limit before any sample. */
  public abstract int initialLimit();

  /** The smallest limit the algorithm ever sets. */
  public abstract int minLimit();

  /** The largest limit the algorithm ever sets. */
  public abstract int maxLimit();

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
