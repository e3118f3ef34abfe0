package dev.bulwark.ratelimit.concurrency;

import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.ratelimit.Ticker;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Limits the work in flight rather than its rate, with a limit learned from latency.
 *
 * <p>By Little's law, concurrency = throughput x latency: a service that can complete {@code C}
 * requests at a time gains nothing from admitting more, whose only effect is a queue and a latency
 * that grows without bound. This limiter admits a request only while fewer than {@link #limit()}
 * are in flight and <b>refuses the rest at once</b> (no queueing, no waiting), so excess load is
 * shed at the door while admitted requests keep their latency. The limit itself adapts: each
 * completed request reports its latency to the {@link LimitAlgorithm} ({@link AimdLimit} or {@link
 * GradientLimit}), which raises the limit while latency holds and lowers it when latency grows or
 * requests drop.
 *
 * <p>Usage: {@link #tryAcquire()}; if a {@link Permit} comes back, run the work and report exactly
 * one outcome on it ({@link Permit#onSuccess()}, {@link Permit#onDropped()} or {@link
 * Permit#onIgnore()}); in a {@code try}-with-resources block, {@link Permit#close()} reports
 * "ignore" if nothing else was reported. A permit never reported is never given back: report in a
 * {@code finally}.
 *
 * <p>This class is thread-safe. Admission is one compare-and-set, never blocks, and never lets the
 * requests in flight exceed the limit in force when they were admitted; a lowered limit takes
 * effect as requests complete. Latency samples update the algorithm under a lock. Time comes from
 * the injected {@link Ticker}.
 */
public final class ConcurrencyLimiter {

  /** The largest limit any algorithm may set. */
  public static final int MAX_LIMIT = 1_000_000;

  private final Ticker ticker;
  private final LimitAlgorithm algorithm;
  private final LimitAlgorithm.Estimator estimator;
  private final AtomicInteger inflight = new AtomicInteger();
  private final LongAdder rejected = new LongAdder();
  private volatile int limit;

  private ConcurrencyLimiter(Ticker ticker, LimitAlgorithm algorithm) {
    this.ticker = ticker;
    this.algorithm = algorithm;
    this.estimator = algorithm.newEstimator();
    this.limit = algorithm.initialLimit();
  }

  /** Returns a limiter learning its limit with {@code algorithm}, on the system ticker. */
  public static ConcurrencyLimiter of(LimitAlgorithm algorithm) {
    return builder(algorithm).build();
  }

  /** Returns a builder for a limiter learning its limit with {@code algorithm}. */
  public static Builder builder(LimitAlgorithm algorithm) {
    return new Builder(algorithm);
  }

  /**
   * Admits one request if fewer than {@link #limit()} are in flight.
   *
   * @return a permit to report the outcome on, or empty if the request is refused
   */
  public Optional<Permit> tryAcquire() {
    for (; ; ) {
      int current = inflight.get();
      if (current >= limit) {
        rejected.increment();
        return Optional.empty();
      }
      if (inflight.compareAndSet(current, current + 1)) {
        return Optional.of(new Permit(this, ticker.read(), current + 1));
      }
    }
  }

  /** The current limit. */
  public int limit() {
    return limit;
  }

  /** The requests in flight now. */
  public int inflight() {
    return inflight.get();
  }

  /** The requests refused so far. */
  public long rejectedCount() {
    return rejected.sum();
  }

  /** The algorithm the limit is learned with. */
  public LimitAlgorithm algorithm() {
    return algorithm;
  }

  void release(Permit permit, Permit.Outcome outcome) {
    if (outcome != Permit.Outcome.IGNORED) {
      long now = ticker.read();
      synchronized (estimator) {
        limit =
            estimator.update(
                permit.startNanos(),
                now,
                permit.inflightAtStart(),
                outcome == Permit.Outcome.DROPPED);
      }
    }
    inflight.decrementAndGet();
  }

  @Override
  public String toString() {
    return "ConcurrencyLimiter[limit " + limit + ", in flight " + inflight.get() + "]";
  }

  /** Builds a {@link ConcurrencyLimiter}. */
  public static final class Builder {
    private final LimitAlgorithm algorithm;
    private Ticker ticker = Ticker.system();

    private Builder(LimitAlgorithm algorithm) {
      this.algorithm = requireNonNull(algorithm, "algorithm");
    }

    /** Sets the time source for latency; {@link Ticker#system()} by default. */
    @CanIgnoreReturnValue
    public Builder ticker(Ticker ticker) {
      this.ticker = requireNonNull(ticker, "ticker");
      return this;
    }

    /** Returns the limiter. */
    public ConcurrencyLimiter build() {
      return new ConcurrencyLimiter(ticker, algorithm);
    }
  }
}
