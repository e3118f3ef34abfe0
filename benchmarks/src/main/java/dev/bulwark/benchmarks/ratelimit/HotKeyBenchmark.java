package dev.bulwark.benchmarks.ratelimit;

import dev.bulwark.ratelimit.GlobalRateLimiter;
import dev.bulwark.ratelimit.RateLimit;
import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.RateLimiter;
import dev.bulwark.ratelimit.RatePolicy;
import dev.bulwark.ratelimit.memory.MemoryRateLimitStore;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.SynchronizationStrategy;
import java.util.concurrent.TimeUnit;
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
 * One hot key: every call decides for the same client. Bulwark's {@code tryAcquire(key)} (which
 * includes looking the key up in its store) and its key-less {@code GlobalRateLimiter} against the
 * single-bucket baselines, which have no key lookup at all: Bucket4j local buckets (LOCK_FREE and
 * SYNCHRONIZED), Resilience4j and Guava.
 *
 * <p>{@code workload=admit}: the limit never runs dry, so every call writes. {@code workload=deny}:
 * the key is exhausted, so every call is a denial (the abusive client's path). Run with {@code -t
 * 1} and {@code -t 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HotKeyBenchmark {

  @Param({"admit", "deny"})
  public String workload;

  private RateLimiter bulwark;
  private RateLimiter bulwarkFrozenClock;
  private GlobalRateLimiter bulwarkGlobal;
  private RateLimitKey key;
  private Bucket bucket4jLockFree;
  private Bucket bucket4jSynchronized;
  private io.github.resilience4j.ratelimiter.RateLimiter resilience4j;
  private com.google.common.util.concurrent.RateLimiter guava;

  @Setup
  public void setUp() {
    RateLimit limit = workload.equals("admit") ? Baselines.NEVER_DENIES : Baselines.ALWAYS_DENIES;
    bulwark = RateLimiter.of(RatePolicy.of("hot", limit), MemoryRateLimitStore.create());
    bulwarkFrozenClock =
        RateLimiter.of(
            RatePolicy.of("hot", limit), MemoryRateLimitStore.builder().ticker(() -> 0L).build());
    bulwarkGlobal = GlobalRateLimiter.of(limit);
    key = RateLimitKey.ip("203.0.113.7");
    bucket4jLockFree = Baselines.bucket4j(limit, SynchronizationStrategy.LOCK_FREE);
    bucket4jSynchronized = Baselines.bucket4j(limit, SynchronizationStrategy.SYNCHRONIZED);
    resilience4j = Baselines.resilience4j(limit);
    guava = Baselines.guava(limit);
    // Take the first permit so that "deny" denies from the first measured call, and so the key
    // exists.
    boolean ignored =
        bulwark.tryAcquire(key)
            & bulwarkFrozenClock.tryAcquire(key)
            & bulwarkGlobal.tryAcquire()
            & bucket4jLockFree.tryConsume(1)
            & bucket4jSynchronized.tryConsume(1)
            & resilience4j.acquirePermission()
            & guava.tryAcquire();
  }

  @Benchmark
  public boolean bulwark() {
    return bulwark.tryAcquire(key);
  }

  /** The key-less server-wide limiter: like the baselines, one bucket and no lookup. */
  @Benchmark
  public boolean bulwarkGlobal() {
    return bulwarkGlobal.tryAcquire();
  }

  /**
   * Diagnostic, not a baseline: the same decision with a clock that costs nothing, to show how much
   * of {@link #bulwark()} is the {@code System.nanoTime()} read. (Time never moves, so with {@code
   * workload=admit} the 10^9-permit burst lasts far longer than a run.)
   */
  @Benchmark
  public boolean bulwarkFrozenClock() {
    return bulwarkFrozenClock.tryAcquire(key);
  }

  @Benchmark
  public boolean bucket4jLockFree() {
    return bucket4jLockFree.tryConsume(1);
  }

  @Benchmark
  public boolean bucket4jSynchronized() {
    return bucket4jSynchronized.tryConsume(1);
  }

  @Benchmark
  public boolean resilience4j() {
    return resilience4j.acquirePermission();
  }

  @Benchmark
  public boolean guava() {
    return guava.tryAcquire();
  }
}
