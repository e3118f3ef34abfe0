package dev.bulwark.ratelimit.concurrency;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One admitted request of a {@link ConcurrencyLimiter}. Report its outcome exactly once: the first
 * report gives the slot back (and, for success or drop, feeds the latency to the limit); later
 * reports do nothing and return {@code false}. Thread-safe.
 */
public final class Permit implements AutoCloseable {

  /** How a request ended. */
  enum Outcome {
    SUCCEEDED,
    DROPPED,
    IGNORED
  }

  private static final AtomicIntegerFieldUpdater<Permit> RELEASED =
      AtomicIntegerFieldUpdater.newUpdater(Permit.class, "released");

  private final ConcurrencyLimiter limiter;
  private final long startNanos;
  private final int inflightAtStart;
  private volatile int released;

  Permit(ConcurrencyLimiter limiter, long startNanos, int inflightAtStart) {
    this.limiter = limiter;
    this.startNanos = startNanos;
    this.inflightAtStart = inflightAtStart;
  }

  /**
   * The request completed normally; its latency is a sample for the limit.
   *
   * @return whether this was the first report
   */
  @CanIgnoreReturnValue
  public boolean onSuccess() {
    return release(Outcome.SUCCEEDED);
  }

  /**
   * The request was dropped (it timed out, or something downstream refused it for overload): a
   * signal to lower the limit.
   *
   * @return whether this was the first report
   */
  @CanIgnoreReturnValue
  public boolean onDropped() {
    return release(Outcome.DROPPED);
  }

  /**
   * The request says nothing about capacity (it failed fast on bad input, say): the slot is given
   * back and no sample is taken.
   *
   * @return whether this was the first report
   */
  @CanIgnoreReturnValue
  public boolean onIgnore() {
    return release(Outcome.IGNORED);
  }

  /** Reports {@link #onIgnore()} unless an outcome was reported already. */
  @Override
  public void close() {
    boolean ignored = onIgnore();
  }

  long startNanos() {
    return startNanos;
  }

  int inflightAtStart() {
    return inflightAtStart;
  }

  private boolean release(Outcome outcome) {
    if (!RELEASED.compareAndSet(this, 0, 1)) {
      return false;
    }
    limiter.release(this, outcome);
    return true;
  }

  @Override
  public String toString() {
    return "Permit[" + (released != 0 ? "released" : "in flight") + "]";
  }
}
