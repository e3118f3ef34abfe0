package dev.bulwark.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.lockout.LockoutDecision;
import dev.bulwark.ratelimit.lockout.LockoutGuard;
import dev.bulwark.ratelimit.lockout.LockoutPolicy;
import dev.bulwark.ratelimit.memory.MemoryLockoutStore;
import dev.bulwark.ratelimit.spi.ContractClock;
import dev.bulwark.ratelimit.spi.LockoutState;
import dev.bulwark.ratelimit.spi.LockoutStore;
import dev.bulwark.ratelimit.spi.LockoutStoreContract;
import dev.bulwark.redis.RedisTestBackend;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quicktheories.core.Gen;

/**
 * {@link RedisLockoutStore} on a standalone Redis: the {@link LockoutStore} contract with a caller
 * clock, then what only Redis has: server time, key expiry, one round trip per decision, and
 * agreement with the in-memory store on random histories.
 */
class RedisLockoutStoreTest extends LockoutStoreContract {
  @RegisterExtension static final RedisTestBackend REDIS = RedisTestBackend.standalone();

  private static final String KEY = "lockout-subject:+15550100123";

  @Override
  protected LockoutStore newStore(ContractClock clock) {
    return RedisLockoutStore.builder(REDIS.backend()).clock(clock.instantSource()).build();
  }

  private static long pttl(String key) {
    return (Long) REDIS.server().command("PTTL", "bulwark:lockout:" + key);
  }

  /** By default time is the server's: a one-second lock ends a second later by the wall clock. */
  @Test
  void withServerTimeALockEndsAndTheKeyExpiresByTheServersClock() throws InterruptedException {
    RedisLockoutStore store = RedisLockoutStore.create(REDIS.backend());
    LockoutPolicy policy =
        LockoutPolicy.builder()
            .freeFailures(0)
            .baseLock(Duration.ofSeconds(1))
            .decay(Duration.ofSeconds(1))
            .build();
    long start = System.nanoTime();
    LockoutState locked = store.recordFailure(KEY, policy);
    assertThat(locked.failures()).isEqualTo(1);
    assertThat(locked.lockedForNanos()).isBetween(1L, Duration.ofSeconds(1).toNanos());
    // The key lives exactly until the counter would read clear: the lock plus the decay.
    assertThat(pttl(KEY)).isBetween(1_000L, 2_000L);
    Thread.sleep(1_100);
    LockoutState after = store.status(KEY, policy);
    assertThat(after.isLocked()).isFalse();
    assertThat(after.failures()).isEqualTo(1);
    while (System.nanoTime() - start < Duration.ofMillis(2_100).toNanos()) {
      Thread.sleep(50);
    }
    assertThat(store.status(KEY, policy)).isEqualTo(LockoutState.CLEAR);
    assertThat(REDIS.server().command("EXISTS", "bulwark:lockout:" + KEY)).isEqualTo(0L);
  }

  @Test
  void aCounterIsOneHashThatExpiresWhenItWouldReadClearAndNeverIfPermanent() {
    ContractClock manual = new ContractClock();
    LockoutStore store = newStore(manual);
    LockoutPolicy policy =
        LockoutPolicy.builder().freeFailures(0).decay(Duration.ofHours(1)).build();
    LockoutState ignored = store.recordFailure(KEY, policy);
    assertThat(REDIS.server().command("TYPE", "bulwark:lockout:" + KEY)).isEqualTo("hash");
    // One minute of lock, one hour of decay, and the caller clock's grace period.
    long expected = Duration.ofMinutes(1).plusHours(1).plusMinutes(10).toMillis();
    assertThat(pttl(KEY)).isBetween(expected - 5_000, expected);

    LockoutPolicy permanent =
        LockoutPolicy.builder().freeFailures(0).permanentAfterLockouts(1).build();
    assertThat(store.recordFailure("p", permanent).permanent()).isTrue();
    assertThat(pttl("p")).isEqualTo(-1L);
  }

  @Test
  void eachDecisionIsOneScriptCall() {
    LockoutStore store = newStore(new ContractClock());
    LockoutState ignored = store.recordFailure(KEY, LockoutPolicy.perSourceDefaults());
    REDIS.server().resetStats();
    ignored = store.recordFailure(KEY, LockoutPolicy.perSourceDefaults());
    ignored = store.status(KEY, LockoutPolicy.perSourceDefaults());
    ignored = store.grantPasses(KEY, LockoutPolicy.perSourceDefaults(), 1);
    assertThat(REDIS.server().commandCalls("evalsha")).isEqualTo(3);
    assertThat(REDIS.server().commandCalls("eval")).isZero();
  }

  private static Gen<LockoutPolicy> policies() {
    return integers()
        .between(0, 3)
        .zip(
            integers().between(1, 120),
            integers().between(0, 3),
            integers().between(0, 3),
            (free, baseSeconds, maxFactor, shape) ->
                LockoutPolicy.builder()
                    .freeFailures(free)
                    .baseLock(Duration.ofSeconds(baseSeconds))
                    .maxLock(Duration.ofSeconds((long) baseSeconds << (maxFactor * 2)))
                    .growth(
                        shape % 2 == 1
                            ? LockoutPolicy.Growth.LINEAR
                            : LockoutPolicy.Growth.DOUBLING)
                    .permanentAfterLockouts(shape >= 2 ? 4 : 0)
                    .decay(Duration.ofSeconds(baseSeconds * 5L))
                    .build());
  }

  /**
   * On any history of failures, status reads, grants and clears, spaced by random pauses, the Redis
   * store answers exactly what the in-memory store answers.
   */
  @Test
  void agreesWithTheInMemoryStoreOnRandomHistories() {
    ContractClock shared = new ContractClock();
    LockoutStore redisStore = newStore(shared);
    AtomicInteger example = new AtomicInteger();
    qt().withExamples(40)
        .withShrinkCycles(50)
        .forAll(policies(), lists().of(integers().between(0, 4_000)).ofSizeBetween(1, 40))
        .checkAssert(
            (policy, steps) -> {
              LockoutStore model = MemoryLockoutStore.create(shared.ticker());
              String key = "history-" + example.incrementAndGet();
              for (int step : steps) {
                shared.advance(Duration.ofMillis((step / 4) * 100L));
                LockoutState expected;
                LockoutState actual;
                switch (step % 4) {
                  case 0, 1 -> {
                    expected = model.recordFailure(key, policy);
                    actual = redisStore.recordFailure(key, policy);
                  }
                  case 2 -> {
                    expected = model.grantPasses(key, policy, 1 + step % 3);
                    actual = redisStore.grantPasses(key, policy, 1 + step % 3);
                  }
                  default -> {
                    if (step % 40 == 3) {
                      model.clear(key);
                      redisStore.clear(key);
                    }
                    expected = model.status(key, policy);
                    actual = redisStore.status(key, policy);
                  }
                }
                assertThat(actual).isEqualTo(expected);
              }
              assertThat(redisStore.status(key, policy)).isEqualTo(model.status(key, policy));
            });
  }

  @Test
  void toStringNamesNoKey() {
    LockoutStore store = RedisLockoutStore.create(REDIS.backend());
    LockoutState ignored = store.recordFailure(KEY, LockoutPolicy.perSourceDefaults());
    assertThat(store.toString()).contains("server TIME").doesNotContain("5550100123");
  }

  /**
   * Two application instances guarding the same subject through one Redis share the counters: an
   * attacker locked out on one is locked out on the other, and a success on either clears both.
   */
  @Test
  void guardsOnTwoInstancesShareTheirCounters() {
    LockoutGuard first =
        LockoutGuard.builder().store(RedisLockoutStore.create(REDIS.backend())).build();
    LockoutGuard second =
        LockoutGuard.builder().store(RedisLockoutStore.create(REDIS.backend())).build();
    RateLimitKey subject = RateLimitKey.phone("+15550100123");
    RateLimitKey attacker = RateLimitKey.ip("198.51.100.66");
    for (int i = 0; i < 3; i++) {
      assertThat((i % 2 == 0 ? first : second).recordFailure(subject, attacker).isAllowed())
          .isTrue();
    }
    LockoutDecision locked = second.recordFailure(subject, attacker);
    assertThat(locked.outcome()).isEqualTo(LockoutDecision.Outcome.LOCKED);
    assertThat(locked.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
    assertThat(first.check(subject, attacker).outcome()).isEqualTo(LockoutDecision.Outcome.LOCKED);
    assertThat(first.check(subject, RateLimitKey.ip("203.0.113.10")).isAllowed()).isTrue();
    first.recordSuccess(subject, attacker);
    assertThat(second.check(subject, attacker).isAllowed()).isTrue();
  }

  /**
   * Time is kept in whole microseconds: a policy duration with a sub-microsecond part is rounded
   * up, so a lock is never shorter than the policy asks, and longer by less than a microsecond per
   * multiple of the first lock.
   */
  @Test
  void subMicrosecondPolicyDurationsAreRoundedUpNeverDown() {
    ContractClock manual = new ContractClock();
    LockoutStore store = newStore(manual);
    LockoutPolicy odd =
        LockoutPolicy.builder()
            .freeFailures(0)
            .baseLock(Duration.ofSeconds(1).plusNanos(1))
            .maxLock(Duration.ofSeconds(10).plusNanos(999))
            .decay(Duration.ofSeconds(5).plusNanos(1))
            .build();
    for (int lockouts = 1; lockouts <= 5; lockouts++) {
      LockoutState s = store.recordFailure(KEY, odd);
      assertThat(s.lockouts()).isEqualTo(lockouts);
      assertThat(s.lockedForNanos())
          .isGreaterThanOrEqualTo(odd.lockNanos(lockouts))
          .isLessThan(odd.lockNanos(lockouts) + 1_000L * (1L << (lockouts - 1)));
      manual.advanceNanos(s.lockedForNanos());
    }
    // The decay, too, is never shorter than the policy's.
    manual.advance(Duration.ofSeconds(5));
    assertThat(store.status(KEY, odd).failures()).isEqualTo(5);
    manual.advance(Duration.ofNanos(1_000));
    assertThat(store.status(KEY, odd)).isEqualTo(LockoutState.CLEAR);
  }
}
