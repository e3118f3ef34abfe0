package dev.bulwark.benchmarks.ratelimit;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bulwark.ratelimit.RateLimit;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BandwidthBuilder;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.caffeine.Bucket4jCaffeine;
import io.github.bucket4j.caffeine.CaffeineProxyManager;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.local.SynchronizationStrategy;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/** The same limit built with each baseline library, configured as its documentation suggests. */
final class Baselines {
  private Baselines() {}

  /**
   * A limit that never runs dry at benchmark rates: a burst of 10^9, refilled at 10^9 per second.
   */
  static final RateLimit NEVER_DENIES = RateLimit.of(1_000_000_000, Duration.ofNanos(1));

  /**
   * Signal's registration limit (6 in a burst, one more every 30 s): a key that took a permit stays
   * tracked for the next 30 s, which is what a memory measurement needs.
   */
  static final RateLimit TRACKED = RateLimit.of(6, Duration.ofSeconds(30));

  /**
   * A limit that never denies at benchmark rates yet keeps every key it has seen tracked for hours:
   * each permit is owed for 10 minutes, and the burst is 100,000. (A limit that refills within the
   * run, like {@link #NEVER_DENIES}, lets Bulwark's store drop idle keys, which turns a lookup
   * benchmark into an insert benchmark.)
   */
  static final RateLimit TRACKED_NEVER_DENIES = RateLimit.of(100_000, Duration.ofMinutes(10));

  /** A limit that admits one request a day: after the first call, every call is denied. */
  static final RateLimit ALWAYS_DENIES = RateLimit.of(1, Duration.ofDays(1));

  static Bandwidth bandwidth(RateLimit limit) {
    return BandwidthBuilder.builder()
        .capacity(limit.capacity())
        .refillGreedy(limit.capacity(), Duration.ofNanos(limit.burstWindowNanos()))
        .build();
  }

  static Bucket bucket4j(RateLimit limit, SynchronizationStrategy strategy) {
    return Bucket.builder()
        .addLimit(bandwidth(limit))
        .withSynchronizationStrategy(strategy)
        .build();
  }

  static BucketConfiguration bucket4jConfiguration(RateLimit limit) {
    return BucketConfiguration.builder().addLimit(bandwidth(limit)).build();
  }

  /**
   * Bucket4j's Caffeine proxy manager, bounded like Bulwark's store and expiring each bucket once
   * it is full again (the cap on that time is set above any burst window used here, so it never
   * drops a bucket that still owes).
   */
  static CaffeineProxyManager<String> bucket4jProxyManager(long maximumKeys) {
    return bucket4jProxyManager(maximumKeys, ForkJoinPool.commonPool());
  }

  static CaffeineProxyManager<String> bucket4jProxyManager(long maximumKeys, Executor maintenance) {
    return Bucket4jCaffeine.<String>builderFor(
            Caffeine.newBuilder().maximumSize(maximumKeys).executor(maintenance))
        .expirationAfterWrite(
            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofHours(1)))
        .build();
  }

  static RateLimiter resilience4j(RateLimit limit) {
    // Resilience4j refreshes a fixed number of permits per period; the closest equivalent is a
    // period of one burst window with the whole capacity, and no waiting.
    return RateLimiter.of(
        "baseline",
        RateLimiterConfig.custom()
            .limitForPeriod(limit.capacity())
            .limitRefreshPeriod(Duration.ofNanos(limit.burstWindowNanos()))
            .timeoutDuration(Duration.ZERO)
            .build());
  }

  @SuppressWarnings("UnstableApiUsage")
  static com.google.common.util.concurrent.RateLimiter guava(RateLimit limit) {
    return com.google.common.util.concurrent.RateLimiter.create(1e9 / limit.refillIntervalNanos());
  }
}
