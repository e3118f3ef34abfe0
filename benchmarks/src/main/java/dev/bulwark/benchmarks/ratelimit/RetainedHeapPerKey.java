package dev.bulwark.benchmarks.ratelimit;

import dev.bulwark.benchmarks.HeapMeter;
import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.RateLimiter;
import dev.bulwark.ratelimit.RatePolicy;
import dev.bulwark.ratelimit.Ticker;
import dev.bulwark.ratelimit.lockout.LockoutDecision;
import dev.bulwark.ratelimit.lockout.LockoutGuard;
import dev.bulwark.ratelimit.memory.MemoryLockoutStore;
import dev.bulwark.ratelimit.memory.MemoryRateLimitStore;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.caffeine.CaffeineProxyManager;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Retained heap per tracked key at 1,000,000 keys, key strings and expiry bookkeeping included:
 * Bulwark's in-memory store against Bucket4j's Caffeine proxy manager, both bounded at 2,000,000
 * keys, under Signal's registration limit (so every key stays tracked). Also the lockout counters
 * of 1,000,000 sources with one failure each against one subject, against a {@code
 * ConcurrentHashMap<String, AtomicInteger>} of the same "subject|source" keys. Measured as the difference
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
    double lockout = Double.MAX_VALUE;
    double naiveLockout = Double.MAX_VALUE;
    for (int round = 0; round < ROUNDS; round++) {
      bulwark = Math.min(bulwark, measure(RetainedHeapPerKey::bulwark));
      System.out.printf(Locale.ROOT, "round %d bulwark %.1f%n", round, bulwark);
      bucket4j = Math.min(bucket4j, measure(RetainedHeapPerKey::bucket4j));
      System.out.printf(Locale.ROOT, "round %d bucket4j %.1f%n", round, bucket4j);
      lockout = Math.min(lockout, measure(RetainedHeapPerKey::lockout));
      naiveLockout = Math.min(naiveLockout, measure(RetainedHeapPerKey::naiveLockout));
    }
    System.out.printf(Locale.ROOT, "keys: %,d (best of %d rounds)%n", KEYS, ROUNDS);
    System.out.printf(Locale.ROOT, "bulwark MemoryRateLimitStore:      %6.1f B/key%n", bulwark);
    System.out.printf(Locale.ROOT, "bucket4j CaffeineProxyManager:     %6.1f B/key%n", bucket4j);
    System.out.printf(
        Locale.ROOT, "ratio bulwark / bucket4j:          %6.2f%n", bulwark / bucket4j);
    System.out.printf(Locale.ROOT, "lockout counters, one failure per source, one subject:%n");
    System.out.printf(Locale.ROOT, "bulwark MemoryLockoutStore:        %6.1f B/source%n", lockout);
    System.out.printf(
        Locale.ROOT, "ConcurrentHashMap<String, AtomicInteger>: %6.1f B/source%n", naiveLockout);
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

  private static Object lockout(int keys) {
    MemoryLockoutStore store = MemoryLockoutStore.create(Ticker.system(), 2L * keys, Runnable::run);
    LockoutGuard guard = LockoutGuard.builder().store(store).build();
    RateLimitKey subject = RateLimitKey.phone("+15550100123");
    for (int i = 0; i < keys; i++) {
      LockoutDecision ignored = guard.recordFailure(subject, RateLimitKey.ip(keyString(i)));
    }
    return guard;
  }

  private static Object naiveLockout(int keys) {
    ConcurrentHashMap<String, AtomicInteger> counters = new ConcurrentHashMap<>();
    RateLimitKey subject = RateLimitKey.phone("+15550100123");
    for (int i = 0; i < keys; i++) {
      String key = subject.canonical() + "|" + RateLimitKey.ip(keyString(i)).canonical();
      counters.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }
    return counters;
  }

  private static double measure(IntFunction<Object> build) {
    return HeapMeter.retainedBytes(() -> build.apply(KEYS)) / (double) KEYS;
  }
}
