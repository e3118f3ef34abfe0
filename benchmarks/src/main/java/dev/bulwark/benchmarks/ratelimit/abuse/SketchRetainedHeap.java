package dev.bulwark.benchmarks.ratelimit.abuse;

import dev.bulwark.benchmarks.HeapMeter;
import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.abuse.AbuseMonitor;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Retained heap after counting 1,000,000 distinct sources (each seen once, then 2,000,000 uniform
 * draws): {@link AbuseMonitor} with its default 60,000 entries in one dimension against a {@code
 * ConcurrentHashMap<String, LongAdder>} counter per source. Measured as the difference in used heap
 * after full collections, before and after; the keys are made fresh for each structure and held
 * only by it, as in {@code RetainedHeapPerKey}.
 *
 * <p>Run: {@code java -Xmx3g -cp benchmarks/target/benchmarks.jar
 * dev.bulwark.benchmarks.ratelimit.abuse.SketchRetainedHeap}
 */
public final class SketchRetainedHeap {
  private static final int ROUNDS = 3;

  private SketchRetainedHeap() {}

  public static void main(String[] args) {
    // Every source once, then 2,000,000 uniform draws.
    int[] stream = Sources.uniform(2 * Sources.COUNT, 7);
    double monitor = Double.MAX_VALUE;
    double map = Double.MAX_VALUE;
    int[] tracked = new int[1];
    for (int round = 0; round < ROUNDS; round++) {
      monitor =
          Math.min(
              monitor,
              measure(
                  () -> {
                    // The updates are spread over 55 seconds of the one-minute window, so every
                    // sub-window fills: the worst case for the sketch's memory.
                    AtomicLong now = new AtomicLong();
                    long step = 55_000_000_000L / (Sources.COUNT + stream.length);
                    AbuseMonitor m =
                        AbuseMonitor.builder()
                            .ticker(now::get)
                            .track(AbuseMonitor.Dimension.SOURCE_PREFIX, 1_000_000_000L)
                            .build();
                    for (int i = 0; i < Sources.COUNT; i++) {
                      m.record(AbuseMonitor.Dimension.SOURCE_PREFIX, Sources.key(i));
                      now.addAndGet(step);
                    }
                    for (int i : stream) {
                      m.record(AbuseMonitor.Dimension.SOURCE_PREFIX, Sources.key(i));
                      now.addAndGet(step);
                    }
                    tracked[0] = m.trackedEntries(AbuseMonitor.Dimension.SOURCE_PREFIX);
                    return m;
                  }));
      map =
          Math.min(
              map,
              measure(
                  () -> {
                    ConcurrentHashMap<String, LongAdder> m = new ConcurrentHashMap<>();
                    for (int i = 0; i < Sources.COUNT; i++) {
                      count(m, Sources.key(i));
                    }
                    for (int i : stream) {
                      count(m, Sources.key(i));
                    }
                    if (m.size() != Sources.COUNT) {
                      throw new AssertionError("sources were lost: " + m.size());
                    }
                    return m;
                  }));
      System.out.printf(
          Locale.ROOT, "round %d: monitor %,.0f B, map %,.0f B%n", round, monitor, map);
    }
    System.out.printf(
        Locale.ROOT,
        "distinct sources: %,d; updates: %,d (best of %d rounds)%n",
        Sources.COUNT,
        Sources.COUNT + stream.length,
        ROUNDS);
    System.out.printf(
        Locale.ROOT,
        "AbuseMonitor (60,000 entries, %,d held): %,12.0f B  %7.1f B/source  %7.1f B/entry%n",
        tracked[0],
        monitor,
        monitor / Sources.COUNT,
        monitor / tracked[0]);
    System.out.printf(
        Locale.ROOT,
        "ConcurrentHashMap<String, LongAdder>:     %,12.0f B  %7.1f B/source%n",
        map,
        map / Sources.COUNT);
    System.out.printf(Locale.ROOT, "ratio monitor / map: %.3f%n", monitor / map);
  }

  private static void count(ConcurrentHashMap<String, LongAdder> map, RateLimitKey key) {
    map.computeIfAbsent(key.canonical(), k -> new LongAdder()).increment();
  }

  private static double measure(Supplier<Object> build) {
    return HeapMeter.retainedBytes(build);
  }
}
