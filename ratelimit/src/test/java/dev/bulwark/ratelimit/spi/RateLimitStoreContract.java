package dev.bulwark.ratelimit.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ratelimit.RateLimit;
import dev.bulwark.ratelimit.RateLimitDecision;
import dev.bulwark.ratelimit.RatePolicy;
import dev.bulwark.ratelimit.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateLimitStore} must do, run against each implementation: the in-memory store
 * here, the Redis store (standalone and cluster) in {@code bulwark-redis}.
 *
 * <p>A subclass builds a fresh, empty store on the ticker it is given; the tests move that ticker
 * by hand. Time moves in whole microseconds and limits use whole-microsecond intervals, the finest
 * resolution a store may round to (stores may round intervals up, never down).
 */
public abstract class RateLimitStoreContract {
  /** Where the test ticker starts: an arbitrary, positive, whole number of microseconds. */
  protected static final long START_NANOS = 1_000_000_000_000L;

  private final AtomicLong nanos = new AtomicLong(START_NANOS);
  private RateLimitStore store;

  /** Returns a new store, empty as far as the tests can tell, deciding with {@code ticker}. */
  protected abstract RateLimitStore newStore(Ticker ticker);

  @BeforeEach
  void createStore() {
    store = newStore(nanos::get);
  }

  /** The store under test. */
  protected final RateLimitStore store() {
    return store;
  }

  /** Moves the store's ticker forward. */
  protected final void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  private RateLimitDecision acquire(RatePolicy p, String key, int permits) {
    return store.apply(p, key, StoreOperation.ACQUIRE, permits);
  }

  private RateLimitDecision check(RatePolicy p, String key, int permits) {
    return store.apply(p, key, StoreOperation.CHECK, permits);
  }

  private static RatePolicy policy(String name, RateLimit limit, RateLimit... more) {
    return RatePolicy.of(name, limit, more);
  }

  @Test
  public void aFullKeyAdmitsItsBurstThenOnePermitPerInterval() {
    RatePolicy p = policy("burst", RateLimit.of(3, Duration.ofSeconds(10)));
    assertThat(store.tryAcquire(p, "a")).isTrue();
    assertThat(store.tryAcquire(p, "a")).isTrue();
    assertThat(store.tryAcquire(p, "a")).isTrue();
    assertThat(store.tryAcquire(p, "a")).isFalse();
    assertThat(store.tryAcquire(p, "b")).isTrue();
    advance(Duration.ofSeconds(10).minusNanos(1_000));
    assertThat(store.tryAcquire(p, "a")).isFalse();
    advance(Duration.ofNanos(1_000));
    assertThat(store.tryAcquire(p, "a")).isTrue();
    assertThat(store.tryAcquire(p, "a")).isFalse();
  }

  @Test
  public void decisionsCarryExactRemainingRetryAfterAndResetAfter() {
    RatePolicy p = policy("exact", RateLimit.of(5, Duration.ofSeconds(12)));
    RateLimitDecision first = acquire(p, "a", 2);
    assertThat(first.isAllowed()).isTrue();
    assertThat(first.remaining()).isEqualTo(3);
    assertThat(first.resetAfter()).isEqualTo(Duration.ofSeconds(24));
    assertThat(first.retryAfter()).isZero();
    assertThat(first.isDegraded()).isFalse();

    assertThat(acquire(p, "a", 3).remaining()).isZero();
    advance(Duration.ofMillis(500));
    RateLimitDecision denied = acquire(p, "a", 2);
    assertThat(denied.isAllowed()).isFalse();
    assertThat(denied.remaining()).isZero();
    // Two permits come back 24 s after the key was emptied; 0.5 s of that has passed.
    assertThat(denied.retryAfter()).isEqualTo(Duration.ofMillis(23_500));
    assertThat(denied.resetAfter()).isEqualTo(Duration.ofMillis(59_500));
    advance(denied.retryAfter().minusNanos(1_000));
    assertThat(acquire(p, "a", 2).isAllowed()).isFalse();
    advance(Duration.ofNanos(1_000));
    assertThat(acquire(p, "a", 2).isAllowed()).isTrue();
  }

  @Test
  public void aCheckReportsWhatAnAcquireWouldDecideAndTakesNothing() {
    RatePolicy p = policy("check", RateLimit.of(2, Duration.ofMinutes(1)));
    for (int i = 0; i < 5; i++) {
      assertThat(check(p, "a", 1)).isEqualTo(RateLimitDecision.allowed(1, 60_000_000_000L));
    }
    assertThat(check(p, "a", 2).remaining()).isZero();
    assertThat(acquire(p, "a", 2).isAllowed()).isTrue();
    RateLimitDecision checked = check(p, "a", 1);
    assertThat(checked.isAllowed()).isFalse();
    assertThat(checked.retryAfter()).isEqualTo(Duration.ofMinutes(1));
    assertThat(acquire(p, "a", 1)).isEqualTo(checked);
  }

  @Test
  public void aRefundGivesPermitsBackButNeverBeyondFull() {
    RatePolicy p = policy("refund", RateLimit.of(4, Duration.ofMinutes(1)));
    assertThat(store.apply(p, "fresh", StoreOperation.REFUND, 3))
        .isEqualTo(RateLimitDecision.allowed(4, 0));
    assertThat(acquire(p, "a", 3).remaining()).isEqualTo(1);
    RateLimitDecision refunded = store.apply(p, "a", StoreOperation.REFUND, 2);
    assertThat(refunded).isEqualTo(RateLimitDecision.allowed(3, 60_000_000_000L));
    assertThat(store.apply(p, "a", StoreOperation.REFUND, RateLimit.MAX_CAPACITY).remaining())
        .isEqualTo(4);
    assertThat(acquire(p, "a", 4).isAllowed()).isTrue();
    assertThat(store.tryAcquire(p, "a")).isFalse();
  }

  @Test
  public void aResetMakesEveryLimitOfTheKeyFullAgainAndOnlyThatKey() {
    RatePolicy p =
        policy("reset", RateLimit.of(2, Duration.ofHours(1)), RateLimit.of(3, Duration.ofDays(1)));
    assertThat(acquire(p, "a", 2).isAllowed()).isTrue();
    assertThat(acquire(p, "b", 2).isAllowed()).isTrue();
    assertThat(store.apply(p, "a", StoreOperation.RESET, 1))
        .isEqualTo(RateLimitDecision.allowed(2, 0));
    assertThat(acquire(p, "a", 2).isAllowed()).isTrue();
    assertThat(store.tryAcquire(p, "b")).isFalse();
  }

  @Test
  public void multiLimitPoliciesDenyWithTheLongestWaitAndConsumeFromNone() {
    RatePolicy p =
        policy(
            "multi", RateLimit.of(5, Duration.ofSeconds(12)), RateLimit.of(6, Duration.ofHours(4)));
    assertThat(acquire(p, "a", 5).isAllowed()).isTrue();
    advance(Duration.ofMinutes(1)); // the minute limit is full again, the daily one has 1 left
    RateLimitDecision denied = acquire(p, "a", 2);
    assertThat(denied.isAllowed()).isFalse();
    assertThat(denied.remaining()).isEqualTo(1);
    assertThat(denied.retryAfter()).isEqualTo(Duration.ofHours(4).minus(Duration.ofMinutes(1)));
    // The denied request took nothing from the minute limit: 1 daily permit is still there.
    assertThat(acquire(p, "a", 1).isAllowed()).isTrue();
    assertThat(store.tryAcquire(p, "a")).isFalse();
  }

  @Test
  public void keysAndPoliciesKeepSeparateState() {
    RatePolicy p = policy("p", RateLimit.of(1, Duration.ofSeconds(10)));
    RatePolicy q = policy("q", RateLimit.of(1, Duration.ofSeconds(10)));
    assertThat(store.tryAcquire(q, "a")).isTrue();
    assertThat(store.tryAcquire(q, "a")).isFalse();
    assertThat(store.tryAcquire(p, "a")).isTrue();
    assertThat(store.tryAcquire(q, "b")).isTrue();
    // Keys that differ only where a naive encoding might confuse them.
    assertThat(store.tryAcquire(p, "a:0")).isTrue();
    assertThat(store.tryAcquire(p, "{a}")).isTrue();
    assertThat(store.tryAcquire(p, "a}")).isTrue();
    assertThat(store.tryAcquire(p, "h:Zm9v/+=")).isTrue();
    assertThat(store.tryAcquire(p, "tel:+15550100000")).isTrue();
  }

  @Test
  public void aKeyIsFullAgainAfterItsBurstWindow() {
    RatePolicy p = policy("refill", RateLimit.of(3, Duration.ofSeconds(20)));
    assertThat(acquire(p, "a", 3).isAllowed()).isTrue();
    advance(Duration.ofSeconds(40));
    assertThat(check(p, "a", 1)).isEqualTo(RateLimitDecision.allowed(1, 40_000_000_000L));
    advance(Duration.ofSeconds(20));
    assertThat(check(p, "a", 3)).isEqualTo(RateLimitDecision.allowed(0, 60_000_000_000L));
    advance(Duration.ofHours(5));
    assertThat(acquire(p, "a", 3).isAllowed()).isTrue();
    assertThat(store.tryAcquire(p, "a")).isFalse();
  }

  @Test
  public void tryAcquireDecidesAsAnAcquireOfOnePermit() {
    RatePolicy p = policy("hot", RateLimit.of(2, Duration.ofSeconds(30)));
    assertThat(store.tryAcquire(p, "a")).isTrue();
    assertThat(acquire(p, "a", 1).remaining()).isZero();
    assertThat(store.tryAcquire(p, "a")).isFalse();
    assertThat(check(p, "a", 1).retryAfter()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  public void theAsyncFormAgreesWithTheBlockingOne() {
    RatePolicy p = policy("async", RateLimit.of(2, Duration.ofMinutes(1)));
    RateLimitDecision first =
        store.applyAsync(p, "a", StoreOperation.ACQUIRE, 1).toCompletableFuture().join();
    assertThat(first).isEqualTo(RateLimitDecision.allowed(1, 60_000_000_000L));
    assertThat(store.applyAsync(p, "a", StoreOperation.CHECK, 1).toCompletableFuture().join())
        .isEqualTo(check(p, "a", 1));
    assertThat(acquire(p, "a", 1).isAllowed()).isTrue();
    assertThat(store.applyAsync(p, "a", StoreOperation.ACQUIRE, 1).toCompletableFuture().join())
        .isEqualTo(RateLimitDecision.denied(0, 60_000_000_000L, 120_000_000_000L));
    assertThat(store.applyAsync(p, "a", StoreOperation.REFUND, 1).toCompletableFuture().join())
        .isEqualTo(RateLimitDecision.allowed(1, 60_000_000_000L));
    assertThat(store.applyAsync(p, "a", StoreOperation.RESET, 1).toCompletableFuture().join())
        .isEqualTo(RateLimitDecision.allowed(2, 0));
    assertThat(check(p, "a", 2).isAllowed()).isTrue();
  }

  @Test
  public void aReconfiguredPolicyKeepsTheDebtOfTheLimitsItKeeps() {
    RatePolicy before = policy("live", RateLimit.of(2, Duration.ofMinutes(1)));
    assertThat(acquire(before, "a", 2).isAllowed()).isTrue();
    RatePolicy after =
        policy(
            "live", RateLimit.of(2, Duration.ofMinutes(1)), RateLimit.of(10, Duration.ofHours(1)));
    RateLimitDecision denied = acquire(after, "a", 1);
    assertThat(denied.isAllowed()).isFalse();
    assertThat(denied.retryAfter()).isEqualTo(Duration.ofMinutes(1));
    advance(Duration.ofMinutes(1));
    assertThat(acquire(after, "a", 1)).isEqualTo(RateLimitDecision.allowed(0, 3_600_000_000_000L));
  }

  @Test
  public void fineIntervalsAreExactToTheMicrosecond() {
    RatePolicy p = policy("fine", RateLimit.of(1_000, Duration.ofNanos(1_000)));
    assertThat(acquire(p, "a", 1_000).isAllowed()).isTrue();
    assertThat(store.tryAcquire(p, "a")).isFalse();
    advance(Duration.ofNanos(7_000));
    assertThat(acquire(p, "a", 7).isAllowed()).isTrue();
    RateLimitDecision denied = acquire(p, "a", 1);
    assertThat(denied.retryAfter()).isEqualTo(Duration.ofNanos(1_000));
    assertThat(denied.resetAfter()).isEqualTo(Duration.ofMillis(1));
  }

  /**
   * Several threads hammer one key with the clock stopped: exactly the burst is granted, whatever
   * the interleaving.
   */
  @Test
  public void concurrentAcquisitionsOnOneKeyGrantExactlyTheBurst() throws Exception {
    RatePolicy p =
        policy(
            "race", RateLimit.of(60, Duration.ofMinutes(1)), RateLimit.of(80, Duration.ofHours(1)));
    int threads = 4;
    int attemptsEach = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        tasks.add(
            () -> {
              int granted = 0;
              for (int i = 0; i < attemptsEach; i++) {
                if (store.tryAcquire(p, "shared")) {
                  granted++;
                }
              }
              return granted;
            });
      }
      int total = 0;
      for (Future<Integer> f : pool.invokeAll(tasks)) {
        total += f.get();
      }
      assertThat(total).isEqualTo(60);
      assertThat(check(p, "shared", 1).remaining()).isZero();
    } finally {
      pool.shutdownNow();
    }
  }
}
