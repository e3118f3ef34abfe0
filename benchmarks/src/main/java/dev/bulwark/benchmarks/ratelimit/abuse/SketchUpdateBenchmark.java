package dev.bulwark.benchmarks.ratelimit.abuse;

import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.abuse.AbuseMonitor;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One heavy-hitter update per call over 1,000,000 distinct sources: {@link AbuseMonitor#record} in
 * one dimension (default window, 60,000 entries) against the exact baseline a host would write
 * first, a {@code ConcurrentHashMap<String, LongAdder>} counter per source (unbounded, never
 * windowed). {@code workload=uniform} draws every source equally often, the worst case for a sketch
 * (nearly every update replaces a counter); {@code zipf} draws them by a Zipf law with exponent 1,
 * the shape of real traffic. Retained memory is measured by {@link SketchRetainedHeap}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx3g", "-Xms3g"})
public class SketchUpdateBenchmark {
  private static final int STREAM = 1 << 22;

  @Param({"uniform", "zipf"})
  public String workload;

  private RateLimitKey[] keys;
  private String[] keyStrings;
  private int[] stream;
  private AbuseMonitor monitor;
  private ConcurrentHashMap<String, LongAdder> counters;

  /** Each benchmark thread walks the shared stream from its own offset. */
  @State(Scope.Thread)
  public static class Cursor {
    private int position = System.identityHashCode(this) & (STREAM - 1);

    int next() {
      position = (position + 1) & (STREAM - 1);
      return position;
    }
  }

  @Setup
  public void setUp() {
    keys = new RateLimitKey[Sources.COUNT];
    keyStrings = new String[Sources.COUNT];
    for (int i = 0; i < Sources.COUNT; i++) {
      keys[i] = Sources.key(i);
      keyStrings[i] = keys[i].canonical();
    }
    stream = "zipf".equals(workload) ? Sources.zipf(STREAM, 1) : Sources.uniform(STREAM, 1);
    monitor =
        AbuseMonitor.builder().track(AbuseMonitor.Dimension.SOURCE_PREFIX, 1_000_000_000L).build();
    counters = new ConcurrentHashMap<>();
  }

  @Benchmark
  public void abuseMonitor(Cursor cursor) {
    monitor.record(AbuseMonitor.Dimension.SOURCE_PREFIX, keys[stream[cursor.next()]]);
  }

  @Benchmark
  public void concurrentHashMapCounter(Cursor cursor) {
    counters.computeIfAbsent(keyStrings[stream[cursor.next()]], k -> new LongAdder()).increment();
  }
}
