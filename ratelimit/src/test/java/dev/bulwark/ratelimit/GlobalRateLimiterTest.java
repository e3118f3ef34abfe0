package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class GlobalRateLimiterTest {

  @Test
  void admitsTheBurstThenTheRate() {
    ManualTicker ticker = new ManualTicker(-42);
    GlobalRateLimiter limiter =
        GlobalRateLimiter.of(RateLimit.of(3, Duration.ofMillis(10)), ticker);
    assertThat(limiter.tryAcquire(3).isAllowed()).isTrue();
    assertThat(limiter.tryAcquire()).isFalse();
    RateLimitDecision d = limiter.tryAcquire(2);
    assertThat(d.isAllowed()).isFalse();
    assertThat(d.retryAfter()).isEqualTo(Duration.ofMillis(20));
    ticker.advance(Duration.ofMillis(10));
    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isFalse();
    assertThatThrownBy(() -> limiter.tryAcquire(4)).isInstanceOf(IllegalArgumentException.class);
    assertThat(limiter.limit()).isEqualTo(RateLimit.of(3, Duration.ofMillis(10)));
  }

  @Test
  void threadsRacingForTheLastPermitsNeverOverdrawThem() throws Exception {
    ManualTicker ticker = new ManualTicker();
    int capacity = 5_000;
    GlobalRateLimiter limiter =
        GlobalRateLimiter.of(RateLimit.of(capacity, Duration.ofSeconds(1)), ticker);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(
            pool.submit(
                () -> {
                  int admitted = 0;
                  for (int i = 0; i < 20_000; i++) {
                    if (limiter.tryAcquire()) {
                      admitted++;
                    }
                  }
                  return admitted;
                }));
      }
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get();
      }
      assertThat(total).isEqualTo(capacity);
    } finally {
      pool.shutdownNow();
    }
  }
}
