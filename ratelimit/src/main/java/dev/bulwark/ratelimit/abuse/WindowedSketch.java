package dev.bulwark.ratelimit.abuse;

import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.internal.SpaceSaving;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Space-Saving over a sliding window: a ring of sub-window sketches, the oldest cleared as time
 * moves on. A key's windowed estimate is the sum of its sub-window estimates. Each sub-window of
 * weight {@code n} misses at most {@code n / perSubWindow} of a key and adds at most as much, so
 * the windowed estimate is within {@code N * subWindows / entries} of the true weight in the window
 * (N the window's total weight). Thread-safe through its monitor.
 */
final class WindowedSketch {
  private final AbuseMonitor.Dimension dimension;
  private final long threshold;
  private final long subWindowNanos;
  private final SpaceSaving<RateLimitKey>[] ring;
  private final ToLongFunction<RateLimitKey> olderWeight = this::olderWeight;
  private int current;
  private long currentStart;

  @SuppressWarnings("unchecked")
  WindowedSketch(
      AbuseMonitor.Dimension dimension,
      long threshold,
      int entries,
      int subWindows,
      long subWindowNanos,
      long now) {
    this.dimension = dimension;
    this.threshold = threshold;
    this.subWindowNanos = subWindowNanos;
    this.ring = new SpaceSaving[subWindows];
    int perSubWindow = Math.max(1, entries / subWindows);
    for (int i = 0; i < subWindows; i++) {
      ring[i] = new SpaceSaving<>(perSubWindow);
    }
    this.currentStart = now;
  }

  long threshold() {
    return threshold;
  }

  /**
   * Records and returns the window estimate if this update made it cross the threshold, else -1.
   */
  synchronized long record(RateLimitKey key, long weight, long now) {
    advance(now);
    // Older sub-windows are frozen until the next rotation, so the key's weight there is computed
    // once, when it takes a counter in the current sub-window, and kept with that counter.
    SpaceSaving<RateLimitKey> sketch = ring[current];
    long after = sketch.add(key, weight, olderWeight);
    long before = sketch.previousTotal();
    return before < threshold && after >= threshold ? after : -1;
  }

  /** The key's weight in every sub-window but the current one; called under the monitor. */
  private long olderWeight(RateLimitKey key) {
    long sum = 0;
    for (int i = 0; i < ring.length; i++) {
      if (i != current) {
        sum += ring[i].estimate(key);
      }
    }
    return sum;
  }

  synchronized long estimate(RateLimitKey key, long now) {
    advance(now);
    return estimate(key);
  }

  /** The keys whose window estimate is at least the threshold, with their estimates. */
  synchronized Map<RateLimitKey, Long> heavyHitters(long now) {
    advance(now);
    Map<RateLimitKey, Long> sums = new HashMap<>();
    for (SpaceSaving<RateLimitKey> s : ring) {
      s.forEach((k, c) -> sums.merge(k, c, Long::sum));
    }
    sums.values().removeIf(c -> c < threshold);
    return sums;
  }

  synchronized int trackedEntries() {
    int n = 0;
    for (SpaceSaving<RateLimitKey> s : ring) {
      n += s.size();
    }
    return n;
  }

  synchronized void advance(long now) {
    long elapsed = now - currentStart;
    if (elapsed < subWindowNanos) {
      return; // includes a ticker that stepped back: never clears early
    }
    long steps = elapsed / subWindowNanos;
    for (long i = 0; i < Math.min(steps, ring.length); i++) {
      current = (current + 1) % ring.length;
      ring[current].clear();
    }
    currentStart += steps * subWindowNanos;
  }

  private long estimate(RateLimitKey key) {
    long sum = 0;
    for (SpaceSaving<RateLimitKey> s : ring) {
      sum += s.estimate(key);
    }
    return sum;
  }

  AbuseMonitor.Dimension dimension() {
    return dimension;
  }

  @Override
  public String toString() {
    return "WindowedSketch[" + dimension + "]";
  }
}
