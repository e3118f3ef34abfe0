package dev.bulwark.benchmarks.ratelimit;

import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.lockout.LockoutDecision;
import dev.bulwark.ratelimit.lockout.LockoutGuard;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A lockout check at 1,000,000 distinct sources (an attacker rotating addresses against one phone
 * number; each source has one failure on record): {@code LockoutGuard.check}, which reads the
 * (subject, source) counter and the subject-wide one, against the naive baseline of a {@code
 * ConcurrentHashMap<String, AtomicInteger>} of failure counts per "subject|source" string.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx4g", "-Xms4g"})
public class LockoutBenchmark {
  static final int SOURCES = 1_000_000;

  private final RateLimitKey subject = RateLimitKey.phone("+15550100123");
  private RateLimitKey[] sources;
  private LockoutGuard guard;
  private ConcurrentHashMap<String, AtomicInteger> counters;

  @Setup
  public void setUp() {
    sources = new RateLimitKey[SOURCES];
    guard = LockoutGuard.builder().build();
    counters = new ConcurrentHashMap<>();
    for (int i = 0; i < SOURCES; i++) {
      sources[i] =
          RateLimitKey.ip("10." + (i >>> 16) + "." + ((i >>> 8) & 0xFF) + "." + (i & 0xFF));
      guard.recordFailure(subject, sources[i]);
      counters.computeIfAbsent(naiveKey(sources[i]), k -> new AtomicInteger()).incrementAndGet();
    }
  }

  private String naiveKey(RateLimitKey source) {
    return subject.canonical() + "|" + source.canonical();
  }

  @Benchmark
  public LockoutDecision bulwarkCheck(ManyKeysBenchmark.Cursor cursor) {
    return guard.check(subject, sources[cursor.next()]);
  }

  @Benchmark
  public int concurrentHashMapCounter(ManyKeysBenchmark.Cursor cursor) {
    AtomicInteger failures = counters.get(naiveKey(sources[cursor.next()]));
    return failures == null ? 0 : failures.get();
  }
}
