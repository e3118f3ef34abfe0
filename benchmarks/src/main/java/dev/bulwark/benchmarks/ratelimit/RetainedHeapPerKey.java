package dev.bulwark.benchmarks.ratelimit;

import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.RateLimiter;
import dev.bulwark.ratelimit.RatePolicy;
import dev.bulwark.ratelimit.memory.MemoryRateLimitStore;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.caffeine.CaffeineProxyManager;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Retained heap per tracked key at 1,000,000 keys, key strings and expiry bookkeeping included:
 * Bulwark's in-memory store against Bucket4j's Caffeine proxy manager, both bounded at 2,000,000
 * keys, under Signal's registration limit (so every key stays tracked). Measured as the difference
 * in used heap after full collections, before and after tracking the keys; the key strings are made
 * fresh for each structure and held only by it, and both run their maintenance in the calling
 * thread so that none is still running when the heap is read.
 *
 * <p>Run: {@code java -Xmx4g -cp benchmarks/target/benchmarks.jar
 * dev.bulwark.benchmarks.ratelimit.RetainedHeapPerKey}
 */
public final class RetainedHeapPerKey {
  private static final int KEYS = 1_000_000;
  private static final int ROUNDS = 3;

  private RetainedHeapPerKey() {}

  public static void main(String[] args) {
    double bulwark = Double.MAX_VALUE;
    double bucket4j = Double.MAX_VALUE;
    for (int round = 0; round < ROUNDS; round++) {
      bulwark = Math.min(bulwark, measure(RetainedHeapPerKey::bulwark));
      System.out.printf(Locale.ROOT, "round %d bulwark %.1f%n", round, bulwark);
      bucket4j = Math.min(bucket4j, measure(RetainedHeapPerKey::bucket4j));
      System.out.printf(Locale.ROOT, "round %d bucket4j %.1f%n", round, bucket4j);
    }
    System.out.printf(Locale.ROOT, "keys: %,d (best of %d rounds)%n", KEYS, ROUNDS);
    System.out.printf(Locale.ROOT, "bulwark MemoryRateLimitStore:      %6.1f B/key%n", bulwark);
    System.out.printf(Locale.ROOT, "bucket4j CaffeineProxyManager:     %6.1f B/key%n", bucket4j);
    System.out.printf(
        Locale.ROOT, "ratio bulwark / bucket4j:          %6.2f%n", bulwark / bucket4j);
  }

  private static String keyString(int i) {
    return "10." + (i >>> 16) + "." + ((i >>> 8) & 0xFF) + "." + (i & 0xFF);
  }

  private static Object bulwark(int keys) {
    // Maintenance in the calling thread: nothing is still running when the heap is measured.
    MemoryRateLimitStore store =
        MemoryRateLimitStore.builder()
            .maximumKeysPerPolicy(2L * keys)
            .executor(Runnable::run)
            .build();
    RateLimiter limiter = RateLimiter.of(RatePolicy.of("many", Baselines.TRACKED), store);
    for (int i = 0; i < keys; i++) {
      if (!limiter.tryAcquire(RateLimitKey.ip(keyString(i)))) {
        throw new AssertionError("denied");
      }
    }
    if (store.estimatedKeyCount("many") != keys) {
      throw new AssertionError("keys were dropped: " + store.estimatedKeyCount("many"));
    }
    return store;
  }

  private static Object bucket4j(int keys) {
    CaffeineProxyManager<String> manager = Baselines.bucket4jProxyManager(2L * keys, Runnable::run);
    BucketConfiguration configuration = Baselines.bucket4jConfiguration(Baselines.TRACKED);
    for (int i = 0; i < keys; i++) {
      // The same canonical key text Bulwark stores.
      String key = RateLimitKey.ip(keyString(i)).canonical();
      if (!manager.builder().build(key, () -> configuration).tryConsume(1)) {
        throw new AssertionError("denied");
      }
    }
    if (manager.getCache().estimatedSize() != keys) {
      throw new AssertionError("keys were dropped: " + manager.getCache().estimatedSize());
    }
    return manager;
  }

  private static double measure(IntFunction<Object> build) {
    long before = usedAfterGc();
    Object structure = build.apply(KEYS);
    long after = usedAfterGc();
    java.lang.ref.Reference.reachabilityFence(structure);
    return (after - before) / (double) KEYS;
  }

  private static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
