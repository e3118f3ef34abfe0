package dev.bulwark.ratelimit.internal;

import dev.bulwark.ratelimit.RateLimitDecision;
import dev.bulwark.ratelimit.RatePolicy;
import dev.bulwark.ratelimit.spi.StoreOperation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The state of one key under one policy: its GCRA theoretical arrival times.
 *
 * <p>The first limit's TAT is a volatile {@code long} updated by compare-and-set, so a single-limit
 * policy (the common case) decides lock-free and without allocating. The TATs of further limits live
 * in {@code rest} and change only under this cell's monitor, where a multi-limit decision also
 * compare-and-sets the first TAT; so the two paths stay consistent even while a live
 * reconfiguration changes a policy's number of limits. 24 bytes for a single-limit key.
 */
public final class GcraCell {
  private static final VarHandle TAT;

  static {
    try {
      TAT = MethodHandles.lookup().findVarHandle(GcraCell.class, "tat", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile long tat;
  private long[] rest; // TATs of limits 1..n-1; guarded by this

  /** Creates a cell that is full at {@code now}. */
  public GcraCell(long now) {
    this.tat = now;
  }

  /**
   * Takes {@code permits} from a single limit with refill {@code interval} and burst window {@code
   * tau}, lock-free. Returns whether they were granted.
   */
  public boolean tryAcquire(long permitsTimesInterval, long tau, long now) {
    for (; ; ) {
      long current = tat;
      long next = Gcra.debt(current, now, tau) + permitsTimesInterval;
      if (next > tau) {
        return false;
      }
      if (TAT.compareAndSet(this, current, now + next)) {
        return true;
      }
    }
  }

  /** Performs {@code operation} for a policy of any number of limits and returns the decision. */
  public RateLimitDecision apply(RatePolicy policy, StoreOperation operation, int permits, long now) {
    int n = policy.limitCount();
    if (n == 1) {
      return applySingle(policy, operation, permits, now);
    }
    synchronized (this) {
      long[] stored = rest;
      if (stored == null || stored.length != n - 1) {
        // First multi-limit use, or a reconfiguration changed the count: carry over what overlaps,
        // and new limits start full.
        long[] resized = new long[n - 1];
        java.util.Arrays.fill(resized, now);
        if (stored != null) {
          System.arraycopy(stored, 0, resized, 0, Math.min(stored.length, n - 1));
        }
        rest = stored = resized;
      }
      long[] tats = new long[n];
      for (; ; ) {
        long first = tat;
        tats[0] = first;
        System.arraycopy(stored, 0, tats, 1, n - 1);
        RateLimitDecision decision = Gcra.apply(policy, tats, operation, permits, now);
        if (tats[0] == first || TAT.compareAndSet(this, first, tats[0])) {
          System.arraycopy(tats, 1, stored, 0, n - 1);
          return decision;
        }
        // A single-limit caller (a policy version before a reconfiguration) moved the first TAT.
      }
    }
  }

  private RateLimitDecision applySingle(
      RatePolicy policy, StoreOperation operation, int permits, long now) {
    long[] tats = new long[1];
    for (; ; ) {
      long current = tat;
      tats[0] = current;
      RateLimitDecision decision = Gcra.apply(policy, tats, operation, permits, now);
      if (tats[0] == current || TAT.compareAndSet(this, current, tats[0])) {
        return decision;
      }
    }
  }
}
