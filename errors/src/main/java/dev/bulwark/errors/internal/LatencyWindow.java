package dev.bulwark.errors.internal;

import java.util.Arrays;

/**
 * A ring of recent durations and the floor computed from them: percentile plus margin, clamped to
 * [minimum, cap], or the cap during warm-up. The floor is recomputed every {@code window / 16}
 * observations into a preallocated scratch array, so an observation costs a lock and an array
 * store, and a sort of the window is amortized over many observations without allocating.
 * Thread-safe.
 */
public final class LatencyWindow {
  private final double percentile;
  private final long margin;
  private final long minimum;
  private final long cap;
  private final int warmup;
  private final int recomputeEvery;
  private final long[] ring;
  private final long[] scratch;
  private long observed;
  private volatile long floor;

  /** Creates a window whose floor is {@code cap} until {@code warmup} observations. */
  public LatencyWindow(
      double percentile, long margin, long minimum, long cap, int windowSize, int warmup) {
    this.percentile = percentile;
    this.margin = margin;
    this.minimum = minimum;
    this.cap = cap;
    this.warmup = warmup;
    this.recomputeEvery = Math.max(1, windowSize / 16);
    this.ring = new long[windowSize];
    this.scratch = new long[windowSize];
    this.floor = cap;
  }

  /** Returns the current floor in nanoseconds. */
  public long floor() {
    return floor;
  }

  /** Records one duration (negative durations count as zero). */
  public synchronized void observe(long nanos) {
    ring[(int) (observed % ring.length)] = Math.max(0, nanos);
    observed++;
    if (observed >= warmup && (observed == warmup || observed % recomputeEvery == 0)) {
      floor = compute();
    }
  }

  private long compute() {
    int n = (int) Math.min(observed, ring.length);
    System.arraycopy(ring, 0, scratch, 0, n);
    Arrays.sort(scratch, 0, n);
    int index = (int) Math.min(n - 1L, (long) Math.ceil(percentile * n) - 1);
    long p = scratch[Math.max(0, index)];
    long withMargin = p > Long.MAX_VALUE - margin ? Long.MAX_VALUE : p + margin;
    return Math.min(cap, Math.max(minimum, withMargin));
  }
}
