package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ratelimit.memory.MemoryRateLimitStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Several threads hammer one key; the total admitted never exceeds what the limits allow. */
class ConcurrencyTest {
  private static final int THREADS = 4;
  private static final RateLimitKey KEY = RateLimitKey.ip("198.51.100.1");

  @Test
  void withTimeStoppedExactlyTheBurstIsAdmitted() throws Exception {
    ManualTicker ticker = new ManualTicker();
    RateLimiter limiter =
        RateLimiter.of(
            RatePolicy.of("p", RateLimit.of(10_000, Duration.ofSeconds(1))),
            MemoryRateLimitStore.builder().ticker(ticker).build());
    assertThat(hammer(() -> limiter.tryAcquire(KEY), 25_000)).isEqualTo(10_000);
  }

  @Test
  void aMultiLimitPolicyUnderContentionAdmitsExactlyItsSmallestBurst() throws Exception {
    ManualTicker ticker = new ManualTicker();
    RateLimiter limiter =
        RateLimiter.of(
            RatePolicy.of(
                "p",
                RateLimit.of(3_000, Duration.ofSeconds(1)),
                RateLimit.of(2_000, Duration.ofHours(1))),
            MemoryRateLimitStore.builder().ticker(ticker).build());
    assertThat(hammer(() -> limiter.tryAcquire(KEY, 1).isAllowed(), 5_000)).isEqualTo(2_000);
    assertThat(limiter.check(KEY).isAllowed()).isFalse();
  }

  @Test
  void withTheRealClockTheTotalStaysWithinBurstPlusElapsedOverInterval() throws Exception {
    Ticker ticker = Ticker.system();
    long interval = Duration.ofMillis(1).toNanos();
    RateLimiter limiter =
        RateLimiter.of(
            RatePolicy.of("p", RateLimit.of(50, Duration.ofNanos(interval))),
            MemoryRateLimitStore.builder().ticker(ticker).build());
    long start = ticker.read();
    long admitted = hammer(() -> limiter.tryAcquire(KEY), 200_000);
    long elapsed = ticker.read() - start;
    assertThat(admitted).isGreaterThanOrEqualTo(50).isLessThanOrEqualTo(50 + elapsed / interval);
  }

  private static long hammer(java.util.function.BooleanSupplier attempt, int attemptsPerThread)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Long>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  long admitted = 0;
                  for (int i = 0; i < attemptsPerThread; i++) {
                    if (attempt.getAsBoolean()) {
                      admitted++;
                    }
                  }
                  return admitted;
                }));
      }
      start.countDown();
      long total = 0;
      for (Future<Long> f : results) {
        total += f.get();
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }
}
