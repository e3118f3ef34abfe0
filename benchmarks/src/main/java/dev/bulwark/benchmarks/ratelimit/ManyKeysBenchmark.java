package dev.bulwark.benchmarks.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.RateLimiter;
import dev.bulwark.ratelimit.RatePolicy;
import dev.bulwark.ratelimit.memory.MemoryRateLimitStore;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.caffeine.CaffeineProxyManager;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * 1,000,000 tracked keys, a random one per call: the cost is dominated by cache misses, so the
 * floor is a bare Caffeine lookup of the same key strings ({@code caffeineLookupFloor}). Baseline:
 * Bucket4j's Caffeine proxy manager, the way its documentation uses it (a proxy per call).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx4g", "-Xms4g"})
public class ManyKeysBenchmark {
  static final int KEYS = 1_000_000;

  private RateLimitKey[] keys;
  private String[] keyStrings;
  private RateLimiter bulwark;
  private CaffeineProxyManager<String> bucket4j;
  private Supplier<BucketConfiguration> bucket4jConfiguration;
  private Cache<String, long[]> caffeine;

  /** Each benchmark thread walks its own pseudo-random sequence of key indexes. */
  @State(Scope.Thread)
  public static class Cursor {
    private long state = System.identityHashCode(this) | 1L;

    int next() {
      // xorshift64: cheap, allocation-free, and uncorrelated with the keys' hash codes.
      state ^= state << 13;
      state ^= state >>> 7;
      state ^= state << 17;
      return (int) ((state >>> 1) % KEYS);
    }
  }

  @Setup
  public void setUp() {
    keys = new RateLimitKey[KEYS];
    keyStrings = new String[KEYS];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = RateLimitKey.ip("10." + (i >>> 16) + "." + ((i >>> 8) & 0xFF) + "." + (i & 0xFF));
      keyStrings[i] = keys[i].canonical();
    }
    bulwark =
        RateLimiter.of(
            RatePolicy.of("many", Baselines.TRACKED_NEVER_DENIES),
            MemoryRateLimitStore.builder().maximumKeysPerPolicy(2 * KEYS).build());
    bucket4j = Baselines.bucket4jProxyManager(2 * KEYS);
    BucketConfiguration configuration = Baselines.bucket4jConfiguration(Baselines.TRACKED_NEVER_DENIES);
    bucket4jConfiguration = () -> configuration;
    caffeine = Caffeine.newBuilder().maximumSize(2 * KEYS).build();
    for (int i = 0; i < KEYS; i++) {
      boolean ignored =
          bulwark.tryAcquire(keys[i])
              & bucket4j.builder().build(keyStrings[i], bucket4jConfiguration).tryConsume(1);
      caffeine.put(keyStrings[i], new long[1]);
    }
  }

  @Benchmark
  public boolean bulwark(Cursor cursor) {
    return bulwark.tryAcquire(keys[cursor.next()]);
  }

  @Benchmark
  public boolean bucket4jProxyManager(Cursor cursor) {
    return bucket4j.builder().build(keyStrings[cursor.next()], bucket4jConfiguration).tryConsume(1);
  }

  /** The floor the target is set against: a bare lookup of the same key objects, nothing more. */
  @Benchmark
  public long[] caffeineLookupFloor(Cursor cursor) {
    return caffeine.getIfPresent(keys[cursor.next()].canonical());
  }

  /**
   * A second, stricter floor: the lookup plus a write to the state it finds, which any limiter
   * must do (and which costs one more cache miss at this size).
   */
  @Benchmark
  public long caffeineLookupAndUpdateFloor(Cursor cursor) {
    long[] state = caffeine.getIfPresent(keys[cursor.next()].canonical());
    return ++state[0];
  }
}
