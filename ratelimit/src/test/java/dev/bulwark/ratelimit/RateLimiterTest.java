package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ratelimit.memory.MemoryRateLimitStore;
import dev.bulwark.ratelimit.spi.RateLimitStore;
import dev.bulwark.ratelimit.spi.RateLimitStoreException;
import dev.bulwark.ratelimit.spi.StoreOperation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final ManualTicker ticker = new ManualTicker(123_456_789L);
  private final RateLimitKey alice = RateLimitKey.phone("+15550100001");
  private final RateLimitKey bob = RateLimitKey.phone("+15550100002");

  private RateLimiter limiter(RatePolicy policy) {
    return RateLimiter.of(
        policy, MemoryRateLimitStore.builder().ticker(ticker).executor(Runnable::run).build());
  }

  @Test
  void aFullKeyAdmitsItsBurstThenOnePermitPerInterval() {
    RateLimiter limiter = limiter(RatePolicy.of("p", RateLimit.of(3, Duration.ofSeconds(10))));
    assertThat(limiter.tryAcquire(alice)).isTrue();
    assertThat(limiter.tryAcquire(alice)).isTrue();
    assertThat(limiter.tryAcquire(alice)).isTrue();
    assertThat(limiter.tryAcquire(alice)).isFalse();
    assertThat(limiter.tryAcquire(bob)).isTrue();
    ticker.advance(Duration.ofSeconds(10).minusNanos(1));
    assertThat(limiter.tryAcquire(alice)).isFalse();
    ticker.advanceNanos(1);
    assertThat(limiter.tryAcquire(alice)).isTrue();
    assertThat(limiter.tryAcquire(alice)).isFalse();
  }

  @Test
  void decisionsCarryExactRemainingRetryAfterAndResetAfter() {
    RateLimiter limiter = limiter(RatePolicy.of("p", RateLimit.of(5, Duration.ofSeconds(12))));
    RateLimitDecision first = limiter.tryAcquire(alice, 2);
    assertThat(first.isAllowed()).isTrue();
    assertThat(first.remaining()).isEqualTo(3);
    assertThat(first.resetAfter()).isEqualTo(Duration.ofSeconds(24));
    assertThat(first.retryAfter()).isZero();

    RateLimitDecision second = limiter.tryAcquire(alice, 3);
    assertThat(second.remaining()).isZero();
    ticker.advance(Duration.ofMillis(500));
    RateLimitDecision denied = limiter.tryAcquire(alice, 2);
    assertThat(denied.isAllowed()).isFalse();
    assertThat(denied.remaining()).isZero();
    // Two permits come back 24 s after the key was emptied; 0.5 s of that has passed.
    assertThat(denied.retryAfter()).isEqualTo(Duration.ofMillis(23_500));
    assertThat(denied.retryAfterSeconds()).isEqualTo(24); // rounded up, never truncated
    assertThat(denied.retryAfterMillis()).isEqualTo(23_500);
    assertThat(denied.resetAfter()).isEqualTo(Duration.ofMillis(59_500));
    ticker.advance(denied.retryAfter());
    assertThat(limiter.tryAcquire(alice, 2).isAllowed()).isTrue();
  }

  @Test
  void retryAfterSecondsRoundsUpAFractionOfASecond() {
    RateLimiter limiter = limiter(RatePolicy.of("p", RateLimit.of(1, Duration.ofMillis(1_001))));
    assertThat(limiter.tryAcquire(alice)).isTrue();
    RateLimitDecision denied = limiter.tryAcquire(alice, 1);
    assertThat(denied.retryAfterNanos()).isEqualTo(1_001_000_000L);
    assertThat(denied.retryAfterSeconds()).isEqualTo(2);
  }

  @Test
  void checkTakesNothing() {
    RateLimiter limiter = limiter(RatePolicy.of("p", RateLimit.of(2, Duration.ofMinutes(1))));
    for (int i = 0; i < 10; i++) {
      assertThat(limiter.check(alice).isAllowed()).isTrue();
    }
    assertThat(limiter.check(alice, 2).remaining()).isZero();
    assertThat(limiter.tryAcquire(alice, 2).isAllowed()).isTrue();
    assertThat(limiter.check(alice).isAllowed()).isFalse();
    assertThat(limiter.check(alice).retryAfter()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void refundGivesPermitsBackButNeverBeyondFull() {
    RateLimiter limiter = limiter(RatePolicy.of("p", RateLimit.of(4, Duration.ofMinutes(1))));
    assertThat(limiter.tryAcquire(alice, 3).remaining()).isEqualTo(1);
    assertThat(limiter.refund(alice, 2).remaining()).isEqualTo(3);
    assertThat(limiter.refund(alice, 100).remaining()).isEqualTo(4);
    assertThat(limiter.tryAcquire(alice, 4).isAllowed()).isTrue();
    assertThat(limiter.tryAcquire(alice)).isFalse();
  }

  @Test
  void resetMakesAKeyFullAgain() {
    RateLimiter limiter = limiter(RatePolicy.of("p", RateLimit.of(2, Duration.ofHours(1))));
    assertThat(limiter.tryAcquire(alice, 2).isAllowed()).isTrue();
    limiter.reset(alice);
    assertThat(limiter.tryAcquire(alice, 2).isAllowed()).isTrue();
  }

  @Test
  void multiLimitPoliciesDenyWithTheLongestWaitAndConsumeFromNone() {
    RatePolicy policy =
        RatePolicy.of(
            "p", RateLimit.of(5, Duration.ofSeconds(12)), RateLimit.of(6, Duration.ofHours(4)));
    RateLimiter limiter = limiter(policy);
    assertThat(limiter.tryAcquire(alice, 5).isAllowed()).isTrue();
    ticker.advance(
        Duration.ofMinutes(1)); // the minute limit is full again, the daily one has 1 left
    RateLimitDecision denied = limiter.tryAcquire(alice, 2);
    assertThat(denied.isAllowed()).isFalse();
    assertThat(denied.remaining()).isEqualTo(1);
    assertThat(denied.retryAfter()).isEqualTo(Duration.ofHours(4).minus(Duration.ofMinutes(1)));
    // The denied request took nothing from the minute limit: 1 daily permit is still there.
    assertThat(limiter.tryAcquire(alice, 1).isAllowed()).isTrue();
    assertThat(limiter.tryAcquire(alice)).isFalse();
  }

  @Test
  void permitsOutsideTheirRangeAreRejectedAndChangeNothing() {
    RateLimiter limiter = limiter(RatePolicy.of("p", RateLimit.of(3, Duration.ofMinutes(1))));
    assertThat(limiter.tryAcquire(alice)).isTrue();
    assertThatThrownBy(() -> limiter.tryAcquire(alice, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("permits must be between 1 and 3, got 0");
    assertThatThrownBy(() -> limiter.tryAcquire(alice, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> limiter.check(alice, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> limiter.refund(alice, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> limiter.tryAcquireAsync(alice, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> limiter.tryAcquire(null)).isInstanceOf(NullPointerException.class);
    assertThat(limiter.check(alice).remaining()).isEqualTo(1);
  }

  @Test
  void acquireOrThrowCarriesTheRetryAfterButNeitherKeyNorStackTrace() {
    RateLimiter limiter = limiter(RatePolicy.of("login", RateLimit.of(1, Duration.ofSeconds(90))));
    assertThat(limiter.acquireOrThrow(alice).isAllowed()).isTrue();
    assertThatThrownBy(() -> limiter.acquireOrThrow(alice))
        .isInstanceOfSatisfying(
            RateLimitExceededException.class,
            e -> {
              assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(90));
              assertThat(e.policyName()).isEqualTo("login");
              assertThat(e.getStackTrace()).isEmpty();
              assertThat(e.getMessage()).isEqualTo("rate limit 'login' exceeded; retry after 90s");
              assertThat(e.getMessage()).doesNotContain("5550100001");
            });
  }

  @Test
  void asyncFormsAgreeWithTheBlockingOnes() {
    RateLimiter limiter = limiter(RatePolicy.of("p", RateLimit.of(2, Duration.ofMinutes(1))));
    assertThat(limiter.tryAcquireAsync(alice).toCompletableFuture().join()).isTrue();
    // A check reports exactly what an acquire would decide: 0 would remain.
    assertThat(limiter.checkAsync(alice, 1).toCompletableFuture().join().remaining()).isZero();
    assertThat(limiter.tryAcquireAsync(alice, 1).toCompletableFuture().join().isAllowed()).isTrue();
    assertThatThrownBy(() -> limiter.acquireOrThrowAsync(alice, 1).toCompletableFuture().join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(RateLimitExceededException.class);
    assertThat(limiter.refundAsync(alice, 1).toCompletableFuture().join().remaining()).isEqualTo(1);
    limiter.resetAsync(alice).toCompletableFuture().join();
    assertThat(limiter.tryAcquire(alice, 2).isAllowed()).isTrue();
  }

  @Test
  void keyPrivacyHidesTheKeyFromTheStoreAndKeepsKeysApart() {
    RecordingStore store =
        new RecordingStore(MemoryRateLimitStore.builder().ticker(ticker).build());
    RatePolicy policy =
        RatePolicy.builder("p")
            .limit(RateLimit.of(1, Duration.ofMinutes(1)))
            .keyPrivacy(KeyPrivacy.hmacSha256(new byte[32]))
            .build();
    RateLimiter limiter = RateLimiter.of(policy, store);
    assertThat(limiter.tryAcquire(alice)).isTrue();
    assertThat(limiter.tryAcquire(bob)).isTrue();
    assertThat(limiter.tryAcquire(alice, 1).isAllowed()).isFalse();
    assertThat(store.lastKey).startsWith("h:").doesNotContain("5550100001");
  }

  @Test
  void failOpenAdmitsAndFlagsTheDecisionWhenTheStoreFails() {
    RateLimiter limiter = RateLimiter.of(policy(FailureMode.FAIL_OPEN), new FailingStore(false));
    assertThat(limiter.tryAcquire(alice)).isTrue();
    RateLimitDecision d = limiter.tryAcquire(alice, 1);
    assertThat(d.isAllowed()).isTrue();
    assertThat(d.isDegraded()).isTrue();
    assertThat(limiter.tryAcquireAsync(alice, 1).toCompletableFuture().join().isDegraded())
        .isTrue();
  }

  @Test
  void degradedDecisionsAreCountedAndLoggedSparinglyWithoutKeys() {
    java.util.logging.Logger jul = java.util.logging.Logger.getLogger(RateLimiter.class.getName());
    List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler handler =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord record) {
            messages.add(
                java.text.MessageFormat.format(record.getMessage(), record.getParameters()));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    jul.addHandler(handler);
    try {
      RateLimiter limiter = RateLimiter.of(policy(FailureMode.FAIL_OPEN), new FailingStore(false));
      for (int i = 0; i < 20; i++) {
        assertThat(limiter.tryAcquire(alice)).isTrue();
      }
      assertThat(limiter.degradedDecisions()).isEqualTo(20);
      // the 1st, 2nd, 4th, 8th and 16th
      assertThat(messages).hasSize(5);
      assertThat(messages.get(0)).contains("FAIL_OPEN").doesNotContain("5550100001");
      assertThat(RateLimiter.of(policy(FailureMode.FAIL_OPEN), MemoryRateLimitStore.create()))
          .satisfies(healthy -> assertThat(healthy.degradedDecisions()).isZero());
    } finally {
      jul.removeHandler(handler);
    }
  }

  @Test
  void failClosedDeniesWithAShortRetryAfterWhenTheStoreFails() {
    RateLimiter limiter = RateLimiter.of(policy(FailureMode.FAIL_CLOSED), new FailingStore(true));
    assertThat(limiter.tryAcquire(alice)).isFalse();
    RateLimitDecision d = limiter.tryAcquireAsync(alice, 1).toCompletableFuture().join();
    assertThat(d.isAllowed()).isFalse();
    assertThat(d.isDegraded()).isTrue();
    assertThat(d.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThatThrownBy(() -> limiter.acquireOrThrow(alice))
        .isInstanceOf(RateLimitExceededException.class);
  }

  @Test
  void localFallbackEnforcesThePolicyInProcessWhenTheStoreFails() {
    RateLimiter limiter =
        RateLimiter.of(policy(FailureMode.LOCAL_FALLBACK), new FailingStore(false));
    assertThat(limiter.tryAcquire(alice)).isTrue();
    assertThat(limiter.tryAcquire(alice)).isTrue();
    assertThat(limiter.tryAcquire(alice)).isFalse();
    RateLimitDecision d = limiter.tryAcquireAsync(bob, 2).toCompletableFuture().join();
    assertThat(d.isAllowed()).isTrue();
    assertThat(d.isDegraded()).isTrue();
  }

  @Test
  void localFallbackKeepsItsConfiguredShareOfTheLimit() {
    RatePolicy policy =
        RatePolicy.builder("p")
            .limit(RateLimit.of(8, Duration.ofMinutes(1)))
            .failureMode(FailureMode.LOCAL_FALLBACK)
            .localFallbackShare(0.25)
            .build();
    RateLimiter limiter = RateLimiter.of(policy, new FailingStore(false));
    assertThat(limiter.tryAcquire(alice)).isTrue();
    assertThat(limiter.tryAcquire(alice)).isTrue();
    RateLimitDecision denied = limiter.tryAcquire(alice, 1);
    assertThat(denied.isAllowed()).isFalse();
    assertThat(denied.isDegraded()).isTrue();
    // A quarter of the rate: one permit every 4 minutes.
    assertThat(denied.retryAfterNanos())
        .isBetween(
            Duration.ofMinutes(4).toNanos() - 1_000_000_000L, Duration.ofMinutes(4).toNanos());
    assertThat(limiter.tryAcquireAsync(bob, 2).toCompletableFuture().join().isAllowed()).isTrue();
    assertThat(limiter.tryAcquireAsync(bob, 1).toCompletableFuture().join().isAllowed()).isFalse();
  }

  @Test
  void failuresOtherThanStoreFailuresAreNotMaskedByTheFailureMode() {
    RateLimitStore broken =
        new FailingStore(false) {
          @Override
          public CompletionStage<RateLimitDecision> applyAsync(
              RatePolicy p, String k, StoreOperation o, int n) {
            return CompletableFuture.failedFuture(new IllegalStateException("bug"));
          }
        };
    RateLimiter limiter = RateLimiter.of(policy(FailureMode.FAIL_OPEN), broken);
    assertThatThrownBy(() -> limiter.tryAcquireAsync(alice, 1).toCompletableFuture().join())
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  private static RatePolicy policy(FailureMode mode) {
    return RatePolicy.builder("p")
        .limit(RateLimit.of(2, Duration.ofMinutes(1)))
        .failureMode(mode)
        .build();
  }

  /** A store that is down: every call fails as a remote store does. */
  private static class FailingStore implements RateLimitStore {
    private final boolean asyncThrowsSynchronously;

    FailingStore(boolean asyncThrowsSynchronously) {
      this.asyncThrowsSynchronously = asyncThrowsSynchronously;
    }

    @Override
    public RateLimitDecision apply(
        RatePolicy policy, String key, StoreOperation operation, int permits) {
      throw new RateLimitStoreException("store unreachable");
    }

    @Override
    public CompletionStage<RateLimitDecision> applyAsync(
        RatePolicy policy, String key, StoreOperation operation, int permits) {
      if (asyncThrowsSynchronously) {
        throw new RateLimitStoreException("store unreachable");
      }
      return CompletableFuture.failedFuture(new RateLimitStoreException("store unreachable"));
    }
  }

  /** Passes calls to a real store and remembers the last key it saw. */
  private static final class RecordingStore implements RateLimitStore {
    private final RateLimitStore delegate;
    volatile String lastKey;

    RecordingStore(RateLimitStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public RateLimitDecision apply(
        RatePolicy policy, String key, StoreOperation operation, int permits) {
      lastKey = key;
      return delegate.apply(policy, key, operation, permits);
    }

    @Override
    public boolean tryAcquire(RatePolicy policy, String key) {
      lastKey = key;
      return delegate.tryAcquire(policy, key);
    }
  }
}
