package dev.bulwark.ratelimit.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConcurrencyLimiterTest {
  private final AtomicLong now = new AtomicLong();

  private static LimitAlgorithm fixed(int limit) {
    return AimdLimit.builder().limits(limit, limit, limit).build();
  }

  private ConcurrencyLimiter limiter(LimitAlgorithm algorithm) {
    return ConcurrencyLimiter.builder(algorithm).ticker(now::get).build();
  }

  private List<Permit> acquire(ConcurrencyLimiter limiter, int n) {
    List<Permit> permits = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      permits.add(limiter.tryAcquire().orElseThrow());
    }
    return permits;
  }

  @Test
  void workBeyondTheLimitIsRefusedAtOnceAndAReleasedSlotIsReused() {
    ConcurrencyLimiter limiter = limiter(fixed(3));
    List<Permit> permits = acquire(limiter, 3);
    assertThat(limiter.tryAcquire()).isEmpty();
    assertThat(limiter.rejectedCount()).isEqualTo(1);
    assertThat(limiter.inflight()).isEqualTo(3);
    assertThat(permits.get(0).onSuccess()).isTrue();
    assertThat(limiter.tryAcquire()).isPresent();
    assertThat(limiter.toString()).isEqualTo("ConcurrencyLimiter[limit 3, in flight 3]");
  }

  @Test
  void aPermitIsReleasedByItsFirstReportOnly() {
    ConcurrencyLimiter limiter = limiter(fixed(2));
    Permit permit = limiter.tryAcquire().orElseThrow();
    assertThat(permit.onDropped()).isTrue();
    assertThat(permit.onSuccess()).isFalse();
    assertThat(permit.onIgnore()).isFalse();
    permit.close();
    assertThat(limiter.inflight()).isZero();
    try (Permit closed = limiter.tryAcquire().orElseThrow()) {
      assertThat(limiter.inflight()).isEqualTo(1);
      assertThat(closed.toString()).isEqualTo("Permit[in flight]");
    }
    assertThat(limiter.inflight()).isZero();
  }

  @Test
  void aimdBacksOffOnADropOrATimeoutOncePerRoundTripAndGrowsOnePerRoundTrip() {
    ConcurrencyLimiter limiter =
        limiter(AimdLimit.builder().limits(10, 1, 100).timeout(Duration.ofSeconds(1)).build());
    List<Permit> permits = acquire(limiter, 10);
    now.addAndGet(Duration.ofMillis(5).toNanos());
    assertThat(permits.get(0).onDropped()).isTrue();
    assertThat(limiter.limit()).isEqualTo(9);
    // Admitted before that backoff: no second backoff.
    assertThat(permits.get(1).onDropped()).isTrue();
    assertThat(limiter.limit()).isEqualTo(9);
    // Slower than the timeout counts as a drop; admitted after the backoff, so it backs off.
    now.addAndGet(1);
    Permit late = limiter.tryAcquire().orElseThrow();
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(late.onSuccess()).isTrue();
    assertThat(limiter.limit()).isEqualTo(8);
    // Ignored requests are no sample; successes grow the limit by about one per limit's worth.
    assertThat(permits.get(2).onIgnore()).isTrue();
    assertThat(limiter.limit()).isEqualTo(8);
    // These were admitted before the backoff and timed out too: no further backoff.
    for (int i = 3; i < 10; i++) {
      assertThat(permits.get(i).onSuccess()).isTrue();
    }
    assertThat(limiter.limit()).isEqualTo(8);
    for (int round = 0; round < 2; round++) {
      List<Permit> more = acquire(limiter, 8);
      more.forEach(p -> assertThat(p.onSuccess()).isTrue());
    }
    assertThat(limiter.limit()).isEqualTo(9);
  }

  @Test
  void anIdleServiceDoesNotInflateItsLimit() {
    for (LimitAlgorithm algorithm :
        new LimitAlgorithm[] {AimdLimit.builder().build(), GradientLimit.builder().build()}) {
      ConcurrencyLimiter limiter = limiter(algorithm);
      for (int i = 0; i < 10_000; i++) {
        Permit permit = limiter.tryAcquire().orElseThrow();
        now.addAndGet(1_000_000);
        assertThat(permit.onSuccess()).isTrue();
      }
      assertThat(limiter.limit()).as(algorithm.toString()).isEqualTo(20);
    }
  }

  @Test
  void theGradientLimitShrinksWhenLatencyGrowsBeyondTheTolerance() {
    ConcurrencyLimiter limiter = limiter(GradientLimit.builder().limits(40, 1, 100).build());
    // One round trip at 10 ms with the limit in use, then round trips at 40 ms.
    long rtt = 10_000_000;
    for (int round = 0; round < 20; round++) {
      List<Permit> permits = acquire(limiter, limiter.limit());
      now.addAndGet(round == 0 ? rtt : 4 * rtt);
      permits.forEach(p -> assertThat(p.onSuccess()).isTrue());
    }
    // Each round trip moves the limit a fifth of the way toward half of it (plus the queue).
    assertThat(limiter.limit()).isLessThan(15);
  }

  @Test
  void inFlightWorkNeverExceedsTheLimitUnderContention() throws InterruptedException {
    ConcurrencyLimiter limiter = ConcurrencyLimiter.of(fixed(3));
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger worst = new AtomicInteger();
    AtomicInteger admitted = new AtomicInteger();
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 20_000; i++) {
                  Optional<Permit> permit = limiter.tryAcquire();
                  if (permit.isPresent()) {
                    worst.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    admitted.incrementAndGet();
                    inside.decrementAndGet();
                    assertThat(permit.get().onIgnore()).isTrue();
                  }
                }
              });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(worst.get()).isBetween(1, 3);
    assertThat(admitted.get() + limiter.rejectedCount()).isEqualTo(80_000);
    assertThat(limiter.inflight()).isZero();
  }

  @Test
  void invalidParametersAreRejected() {
    assertThatThrownBy(() -> AimdLimit.builder().limits(5, 0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minLimit must be between 1 and 1000000, got 0");
    assertThatThrownBy(() -> AimdLimit.builder().limits(5, 10, 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("initialLimit must be between 10 and 20, got 5");
    assertThatThrownBy(() -> AimdLimit.builder().limits(5, 10, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AimdLimit.builder().backoffRatio(1.0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AimdLimit.builder().timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GradientLimit.builder().smoothing(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GradientLimit.builder().tolerance(0.9))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GradientLimit.builder().queueSize(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GradientLimit.builder().probeInterval(1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(GradientLimit.builder().build().toString())
        .isEqualTo(
            "GradientLimit[initial 20 in [1, 1000], smoothing 0.2, tolerance 1.5, queue 4,"
                + " probe 1000]");
  }
}
