package dev.bulwark.ratelimit.internal;

import dev.bulwark.ratelimit.RateLimitDecision;
import dev.bulwark.ratelimit.RatePolicy;
import dev.bulwark.ratelimit.spi.StoreOperation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * The state of one key under one policy: its GCRA theoretical arrival times (TATs).
 *
 * <p>The first limit's TAT is a volatile {@code long} updated by compare-and-set, so a single-limit
 * policy (the common case) decides lock-free and without allocating. The TATs of further limits
 * live in {@code rest} and change only under this cell's monitor, where a multi-limit decision also
 * compare-and-sets the first TAT; so the two paths stay consistent even while a live
 * reconfiguration changes a policy's number of limits. 24 bytes for a single-limit key.
 *
 * <p><b>Times</b> are nanoseconds relative to an origin the caller fixes (its creation), not raw
 * ticker readings.
 *
 * <p><b>Retiring.</b> A store removes a cell only after {@linkplain #retireIfFull retiring} it: one
 * compare-and-set of the first TAT to a reserved value that no decision ever writes. A caller that
 * still holds a retired cell sees that value and looks the key up again, so no decision is ever
 * taken on a cell that has left the store.
 */
public final class GcraCell {

  /** {@link #tryAcquire} result: granted. */
  public static final int GRANTED = 1;

  /** {@link #tryAcquire} result: denied. */
  public static final int DENIED = 0;

  /** {@link #tryAcquire} result: this cell was retired; look the key up again. */
  public static final int RETIRED = -1;

  // Reserved: never a TAT. Callers pass times relative to their creation, so a real TAT is near 0
  // and this value is some 292 years away; should one ever arise, the next value is stored (1 ns
  // stricter) rather than being mistaken for retirement.
  private static final long RETIRED_TAT = Long.MIN_VALUE;

  private static final VarHandle TAT;

  static {
    try {
      TAT = MethodHandles.lookup().findVarHandle(GcraCell.class, "tat", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile long tat;
  private long @Nullable [] rest; // TATs of limits 1..n-1; guarded by this

  /** Creates a cell that is full at {@code now}. */
  public GcraCell(long now) {
    this.tat = storable(now);
  }

  /**
   * Takes permits from a single limit, lock-free: {@code cost} is {@code permits * interval} and
   * {@code tau} the burst window.
   *
   * @return {@link #GRANTED}, {@link #DENIED} or {@link #RETIRED}
   */
  public int tryAcquire(long cost, long tau, long now) {
    for (; ; ) {
      long current = tat;
      if (current == RETIRED_TAT) {
        return RETIRED;
      }
      long next = Gcra.debt(current, now, tau) + cost;
      if (next > tau) {
        return DENIED;
      }
      if (TAT.compareAndSet(this, current, storable(now + next))) {
        return GRANTED;
      }
    }
  }

  /**
   * Performs {@code operation} for a policy of any number of limits.
   *
   * @return the decision, or {@code null} if this cell was retired and the key must be looked up
   *     again
   */
  public @Nullable RateLimitDecision apply(
      RatePolicy policy, StoreOperation operation, int permits, long now) {
    int n = policy.limitCount();
    long[] tats = new long[n];
    if (n == 1) {
      return applyFrom(policy, operation, permits, now, tats, null);
    }
    synchronized (this) {
      long[] stored = rest;
      if (stored == null || stored.length != n - 1) {
        // First multi-limit use, or a reconfiguration changed the count: carry over what overlaps;
        // new limits start full.
        long[] resized = new long[n - 1];
        java.util.Arrays.fill(resized, storable(now));
        if (stored != null) {
          System.arraycopy(stored, 0, resized, 0, Math.min(stored.length, n - 1));
        }
        rest = stored = resized;
      }
      return applyFrom(policy, operation, permits, now, tats, stored);
    }
  }

  private @Nullable RateLimitDecision applyFrom(
      RatePolicy policy,
      StoreOperation operation,
      int permits,
      long now,
      long[] tats,
      long @Nullable [] stored) {
    for (; ; ) {
      long first = tat;
      if (first == RETIRED_TAT) {
        return null;
      }
      tats[0] = first;
      if (stored != null) {
        System.arraycopy(stored, 0, tats, 1, stored.length);
      }
      RateLimitDecision decision = Gcra.apply(policy, tats, operation, permits, now);
      long newFirst = storable(tats[0]);
      if (newFirst == first || TAT.compareAndSet(this, first, newFirst)) {
        if (stored != null) {
          for (int i = 1; i < tats.length; i++) {
            stored[i - 1] = storable(tats[i]);
          }
        }
        return decision;
      }
      // Another caller moved the first TAT (a concurrent single-limit decision): decide again.
    }
  }

  /**
   * Retires this cell if every limit is full at {@code now}, so it can be removed without any
   * decision being lost.
   *
   * @return whether the cell is now retired
   */
  public boolean retireIfFull(long now) {
    synchronized (this) {
      long[] stored = rest;
      if (stored != null) {
        for (long t : stored) {
          if (t - now > 0) {
            return false;
          }
        }
      }
      long current = tat;
      return current == RETIRED_TAT
          || (current - now <= 0 && TAT.compareAndSet(this, current, RETIRED_TAT));
    }
  }

  /** Retires this cell whatever its state: the key is being forgotten. */
  public void retire() {
    tat = RETIRED_TAT;
  }

  private static long storable(long t) {
    return t == RETIRED_TAT ? t + 1 : t;
  }
}
