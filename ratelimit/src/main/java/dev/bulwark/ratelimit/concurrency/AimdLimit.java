package dev.bulwark.ratelimit.concurrency;

import static dev.bulwark.ratelimit.internal.Checks.requireArgument;
import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.time.Duration;
import java.util.Locale;

/**
 * Additive increase, multiplicative decrease, as in TCP congestion avoidance: a dropped request, or
 * one slower than the timeout, multiplies the limit by the backoff ratio; other samples add one to
 * the limit per limit's worth of samples (one per round trip when the limit is in use), and only
 * while at least half of the limit is in flight, so an idle service does not inflate its limit.
 *
 * <p>As in TCP, the limit backs off at most once per round trip: a drop by a request admitted
 * before the last backoff says nothing new (that request was admitted under the old limit), so it
 * does not back off again. Without this rule the burst of slow completions that follows an
 * overshoot would collapse the limit to its minimum.
 *
 * <p>Simple and robust, but it finds the limit only by overshooting it: latency must exceed the
 * timeout (or requests fail) before it backs off, so it oscillates in a saw-tooth below the point
 * where latency reaches the timeout. Immutable.
 */
public final class AimdLimit extends LimitAlgorithm {

  private final double backoffRatio;
  private final long timeoutNanos;

  private AimdLimit(Builder b) {
    super(b.range);
    this.backoffRatio = b.backoffRatio;
    this.timeoutNanos = b.timeout.toNanos();
  }

  /** Returns a builder with the defaults: limit 20 in [1, 1000], backoff 0.9, timeout 5 s. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  Estimator newEstimator() {
    return new Estimator() {
      private double limit = initialLimit;
      private boolean backedOff;
      private long lastBackoffNanos;

      @Override
      public int update(long startNanos, long nowNanos, int inflight, boolean dropped) {
        if (dropped || nowNanos - startNanos > timeoutNanos) {
          if (!backedOff || startNanos - lastBackoffNanos > 0) {
            limit = Math.max(minLimit, Math.floor(limit * backoffRatio));
            backedOff = true;
            lastBackoffNanos = nowNanos;
          }
        } else if (inflight * 2L >= limit) {
          limit = Math.min(maxLimit, limit + 1 / limit);
        }
        return (int) limit;
      }
    };
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "AimdLimit[initial %d in [%d, %d], backoff %s, timeout %s]",
        initialLimit,
        minLimit,
        maxLimit,
        backoffRatio,
        Duration.ofNanos(timeoutNanos));
  }

  /** Builds an {@link AimdLimit}. */
  public static final class Builder {
    private Range range = Range.DEFAULT;
    private double backoffRatio = 0.9;
    private Duration timeout = Duration.ofSeconds(5);

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

    /** Sets the factor applied on a drop, in [0.5, 0.99]; 0.9 by default. */
    @CanIgnoreReturnValue
    public Builder backoffRatio(double ratio) {
      requireArgument(
          ratio >= 0.5 && ratio <= 0.99, "backoffRatio must be in [0.5, 0.99], got %s", ratio);
      this.backoffRatio = ratio;
      return this;
    }

    /** Sets the latency above which a success counts as a drop, 1 ms to 1 hour; 5 s by default. */
    @CanIgnoreReturnValue
    public Builder timeout(Duration timeout) {
      requireNonNull(timeout, "timeout");
      requireArgument(
          timeout.compareTo(Duration.ofMillis(1)) >= 0
              && timeout.compareTo(Duration.ofHours(1)) <= 0,
          "timeout must be between 1 ms and 1 hour");
      this.timeout = timeout;
      return this;
    }

    /** Returns the algorithm. */
    public AimdLimit build() {
      return new AimdLimit(this);
    }
  }
}
