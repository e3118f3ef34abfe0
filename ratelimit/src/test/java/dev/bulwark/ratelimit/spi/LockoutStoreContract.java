package dev.bulwark.ratelimit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.bulwark.ratelimit.lockout.LockoutPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The contract of every {@link LockoutStore}: what a counter reads after each transition, under a
 * manual clock, with bad arguments and under concurrent writers. Implementations extend this class
 * and say how to build a fresh, empty store on the given clock; every test name states one
 * guarantee.
 *
 * <p>Durations in these tests are whole milliseconds, which every store represents exactly.
 */
public abstract class LockoutStoreContract {
  private static final LockoutPolicy DEFAULTS = LockoutPolicy.perSourceDefaults();
  private static final String KEY = "lockout:12:+15550100123>203.0.113.9";

  /** The store's clock: tests move it. */
  protected final ContractClock clock = new ContractClock();

  private LockoutStore store;

  /** Returns an empty store that reads time from {@code clock}. */
  protected abstract LockoutStore newStore(ContractClock clock);

  @BeforeEach
  final void createStore() {
    store = newStore(clock);
  }

  private static LockoutState state(
      int failures, int lockouts, Duration lockedFor, boolean permanent, int passes) {
    return new LockoutState(failures, lockouts, lockedFor.toNanos(), permanent, passes);
  }

  @Test
  void anUnknownCounterReadsClearAndClearingItIsHarmless() {
    assertThat(store.status(KEY, DEFAULTS)).isEqualTo(LockoutState.CLEAR);
    store.clear(KEY);
    assertThat(store.status(KEY, DEFAULTS)).isEqualTo(LockoutState.CLEAR);
  }

  @Test
  void freeFailuresAreCountedThenEachFailureLocksForLongerUpToTheMaximum() {
    for (int i = 1; i <= 3; i++) {
      assertThat(store.recordFailure(KEY, DEFAULTS))
          .isEqualTo(state(i, 0, Duration.ZERO, false, 0));
    }
    assertThat(store.recordFailure(KEY, DEFAULTS))
        .isEqualTo(state(4, 1, Duration.ofMinutes(1), false, 0));
    assertThat(store.status(KEY, DEFAULTS)).isEqualTo(state(4, 1, Duration.ofMinutes(1), false, 0));
    clock.advance(Duration.ofSeconds(59));
    assertThat(store.status(KEY, DEFAULTS)).isEqualTo(state(4, 1, Duration.ofSeconds(1), false, 0));
    clock.advance(Duration.ofSeconds(1));
    assertThat(store.status(KEY, DEFAULTS)).isEqualTo(state(4, 1, Duration.ZERO, false, 0));
    // 2, 4, 8, ... minutes, capped at the policy's day.
    for (int lockouts = 2; lockouts <= 15; lockouts++) {
      LockoutState s = store.recordFailure(KEY, DEFAULTS);
      long expected =
          Math.min(
              Duration.ofMinutes(1L << (lockouts - 1)).toNanos(), Duration.ofDays(1).toNanos());
      assertThat(s).isEqualTo(new LockoutState(3 + lockouts, lockouts, expected, false, 0));
      assertThat(s.lockedForNanos()).isEqualTo(DEFAULTS.lockNanos(lockouts));
      clock.advanceNanos(s.lockedForNanos());
    }
  }

  @Test
  void aFailureWhileLockedIsIgnored() {
    LockoutPolicy strict = LockoutPolicy.builder().freeFailures(0).build();
    LockoutState locked = store.recordFailure(KEY, strict);
    assertThat(locked).isEqualTo(state(1, 1, Duration.ofMinutes(1), false, 0));
    clock.advance(Duration.ofSeconds(20));
    LockoutState during = state(1, 1, Duration.ofSeconds(40), false, 0);
    assertThat(store.recordFailure(KEY, strict)).isEqualTo(during);
    assertThat(store.recordFailure(KEY, strict)).isEqualTo(during);
    assertThat(store.status(KEY, strict)).isEqualTo(during);
  }

  private static Gen<LockoutPolicy> policies() {
    return integers()
        .between(0, 5)
        .zip(
            integers().between(1, 600),
            integers().between(1, 4),
            integers().between(0, 3),
            (free, baseSeconds, maxFactor, growthAndPermanence) ->
                LockoutPolicy.builder()
                    .freeFailures(free)
                    .baseLock(Duration.ofSeconds(baseSeconds))
                    .maxLock(Duration.ofSeconds((long) baseSeconds << (maxFactor * 3)))
                    .growth(
                        growthAndPermanence % 2 == 1
                            ? LockoutPolicy.Growth.LINEAR
                            : LockoutPolicy.Growth.DOUBLING)
                    .permanentAfterLockouts(growthAndPermanence >= 2 ? 6 : 0)
                    .decay(Duration.ofDays(1))
                    .build());
  }

  /**
   * Through the store, the k-th lock lasts exactly {@link LockoutPolicy#lockNanos}(k): locks never
   * get shorter, never exceed the maximum, and become permanent when the policy says so.
   */
  @Test
  void eachLockLastsExactlyWhatThePolicyComputes() {
    AtomicInteger example = new AtomicInteger();
    qt().withExamples(40)
        .withShrinkCycles(50)
        .forAll(policies(), integers().between(1, 30))
        .checkAssert(
            (policy, failures) -> {
              String key = "property-" + example.incrementAndGet();
              long previous = 0;
              for (int i = 1; i <= failures; i++) {
                LockoutState s = store.recordFailure(key, policy);
                if (s.permanent()) {
                  assertThat(s.lockouts()).isEqualTo(policy.permanentAfterLockouts());
                  break;
                }
                assertThat(s.failures()).isEqualTo(i);
                int lockouts = Math.max(0, i - policy.freeFailures());
                assertThat(s.lockouts()).isEqualTo(lockouts);
                if (lockouts == 0) {
                  assertThat(s.isLocked()).isFalse();
                  continue;
                }
                assertThat(s.lockedForNanos())
                    .isEqualTo(policy.lockNanos(lockouts))
                    .isGreaterThanOrEqualTo(previous)
                    .isLessThanOrEqualTo(policy.maxLock().toNanos());
                previous = s.lockedForNanos();
                clock.advanceNanos(s.lockedForNanos()); // wait the lock out, then fail again
              }
            });
  }

  @Test
  void failuresAreForgottenAfterAQuietDecayPeriod() {
    for (int i = 0; i < 3; i++) {
      LockoutState ignored = store.recordFailure(KEY, DEFAULTS);
    }
    clock.advance(Duration.ofDays(1).minusMillis(1));
    assertThat(store.status(KEY, DEFAULTS)).isEqualTo(state(3, 0, Duration.ZERO, false, 0));
    clock.advance(Duration.ofMillis(1));
    assertThat(store.status(KEY, DEFAULTS)).isEqualTo(LockoutState.CLEAR);
    assertThat(store.recordFailure(KEY, DEFAULTS)).isEqualTo(state(1, 0, Duration.ZERO, false, 0));
  }

  @Test
  void theQuietPeriodCountsFromTheEndOfTheLastLock() {
    LockoutPolicy longLocks =
        LockoutPolicy.builder()
            .freeFailures(0)
            .baseLock(Duration.ofDays(2))
            .maxLock(Duration.ofDays(4))
            .decay(Duration.ofDays(1))
            .build();
    assertThat(store.recordFailure(KEY, longLocks))
        .isEqualTo(state(1, 1, Duration.ofDays(2), false, 0));
    clock.advance(Duration.ofDays(3).minusMillis(1));
    assertThat(store.status(KEY, longLocks)).isEqualTo(state(1, 1, Duration.ZERO, false, 0));
    // Failing now escalates: the lock was not quiet time.
    assertThat(store.recordFailure(KEY, longLocks))
        .isEqualTo(state(2, 2, Duration.ofDays(4), false, 0));
    clock.advance(Duration.ofDays(5));
    assertThat(store.status(KEY, longLocks)).isEqualTo(LockoutState.CLEAR);
  }

  @Test
  void aPermanentLockHoldsUntilCleared() {
    LockoutPolicy strict =
        LockoutPolicy.builder().freeFailures(0).permanentAfterLockouts(2).build();
    assertThat(store.recordFailure(KEY, strict))
        .isEqualTo(state(1, 1, Duration.ofMinutes(1), false, 0));
    clock.advance(Duration.ofMinutes(1));
    LockoutState permanent = store.recordFailure(KEY, strict);
    assertThat(permanent).isEqualTo(state(2, 2, Duration.ofMinutes(2), true, 0));
    clock.advance(Duration.ofDays(300));
    LockoutState later = state(2, 2, Duration.ZERO, true, 0);
    assertThat(store.status(KEY, strict)).isEqualTo(later);
    assertThat(store.status(KEY, strict).isLocked()).isTrue();
    assertThat(store.recordFailure(KEY, strict)).isEqualTo(later);
    store.clear(KEY);
    assertThat(store.status(KEY, strict)).isEqualTo(LockoutState.CLEAR);
    assertThat(store.recordFailure(KEY, strict))
        .isEqualTo(state(1, 1, Duration.ofMinutes(1), false, 0));
  }

  @Test
  void passesAreGrantedUpToAThousandAndEachFailureUsesOne() {
    assertThat(store.grantPasses(KEY, DEFAULTS, 2)).isEqualTo(state(0, 0, Duration.ZERO, false, 2));
    assertThat(store.recordFailure(KEY, DEFAULTS)).isEqualTo(state(1, 0, Duration.ZERO, false, 1));
    assertThat(store.grantPasses(KEY, DEFAULTS, 1_000))
        .isEqualTo(state(1, 0, Duration.ZERO, false, 1_000));
    assertThat(store.status(KEY, DEFAULTS)).isEqualTo(state(1, 0, Duration.ZERO, false, 1_000));
    // Passes are forgotten with the failures.
    clock.advance(Duration.ofDays(1));
    assertThat(store.status(KEY, DEFAULTS)).isEqualTo(LockoutState.CLEAR);
    assertThat(store.grantPasses(KEY, DEFAULTS, 1)).isEqualTo(state(0, 0, Duration.ZERO, false, 1));
  }

  @Test
  void aFailureThatLocksStillUsesUpAPass() {
    LockoutPolicy strict = LockoutPolicy.builder().freeFailures(0).build();
    LockoutState ignored = store.grantPasses(KEY, strict, 1);
    assertThat(store.recordFailure(KEY, strict))
        .isEqualTo(state(1, 1, Duration.ofMinutes(1), false, 0));
    // Passes granted during a lock are kept; the failures they would allow are still refused.
    assertThat(store.grantPasses(KEY, strict, 3))
        .isEqualTo(state(1, 1, Duration.ofMinutes(1), false, 3));
    assertThat(store.recordFailure(KEY, strict))
        .isEqualTo(state(1, 1, Duration.ofMinutes(1), false, 3));
  }

  @Test
  void clearForgetsFailuresLocksAndPasses() {
    for (int i = 0; i < 4; i++) {
      LockoutState ignored = store.recordFailure(KEY, DEFAULTS);
    }
    LockoutState ignored = store.grantPasses(KEY, DEFAULTS, 5);
    assertThat(store.status(KEY, DEFAULTS).isLocked()).isTrue();
    store.clear(KEY);
    assertThat(store.status(KEY, DEFAULTS)).isEqualTo(LockoutState.CLEAR);
    for (int i = 1; i <= 3; i++) {
      assertThat(store.recordFailure(KEY, DEFAULTS).isLocked()).isFalse();
    }
  }

  @Test
  void countersAreIndependent() {
    String other = KEY + "0";
    for (int i = 0; i < 4; i++) {
      LockoutState ignored = store.recordFailure(KEY, DEFAULTS);
    }
    assertThat(store.status(other, DEFAULTS)).isEqualTo(LockoutState.CLEAR);
    assertThat(store.recordFailure(other, DEFAULTS))
        .isEqualTo(state(1, 0, Duration.ZERO, false, 0));
    store.clear(other);
    assertThat(store.status(KEY, DEFAULTS).failures()).isEqualTo(4);
    assertThat(store.status("", DEFAULTS)).isEqualTo(LockoutState.CLEAR);
  }

  @Test
  void badArgumentsAreRefusedAndChangeNothing() {
    LockoutState ignored = store.recordFailure(KEY, DEFAULTS);
    ignored = store.grantPasses(KEY, DEFAULTS, 2);
    LockoutState before = store.status(KEY, DEFAULTS);
    for (int passes : new int[] {0, -1, 1_001, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
      assertThatThrownBy(() -> store.grantPasses(KEY, DEFAULTS, passes))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("passes must be between 1 and 1000")
          .hasMessageNotContaining(KEY);
    }
    assertThatThrownBy(() -> store.recordFailure(null, DEFAULTS))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.status(null, DEFAULTS)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.grantPasses(null, DEFAULTS, 1))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.clear(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.recordFailure(KEY, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageNotContaining(KEY);
    assertThatThrownBy(() -> store.grantPasses(KEY, null, 1))
        .isInstanceOf(NullPointerException.class);
    assertThat(store.status(KEY, DEFAULTS)).isEqualTo(before);
  }

  /** No failure is lost to a race: concurrent failures of one counter are all counted. */
  @Test
  void concurrentFailuresAreEachCounted() throws Exception {
    LockoutPolicy lenient = LockoutPolicy.builder().freeFailures(1_000).build();
    List<Integer> done =
        Concurrently.run(
            8,
            () -> {
              for (int i = 0; i < 100; i++) {
                LockoutState ignored = store.recordFailure(KEY, lenient);
              }
              return 100;
            });
    assertThat(done).hasSize(8);
    assertThat(store.status(KEY, lenient)).isEqualTo(state(800, 0, Duration.ZERO, false, 0));
  }

  /**
   * Concurrent failures past the threshold lock exactly once: each free failure is seen by exactly
   * one caller, one more failure locks, and every later one sees the lock and is not counted.
   */
  @Test
  void concurrentFailuresPastTheThresholdLockExactlyOnce() throws Exception {
    LockoutPolicy policy = LockoutPolicy.builder().freeFailures(10).build();
    List<List<LockoutState>> seen =
        Concurrently.run(
            8,
            () -> {
              List<LockoutState> states = new ArrayList<>();
              for (int i = 0; i < 20; i++) {
                states.add(store.recordFailure(KEY, policy));
              }
              return states;
            });
    LockoutState locked = state(11, 1, Duration.ofMinutes(1), false, 0);
    Map<Integer, Long> byFailures =
        seen.stream()
            .flatMap(List::stream)
            .collect(Collectors.groupingBy(LockoutState::failures, Collectors.counting()));
    for (int i = 1; i <= 10; i++) {
      assertThat(byFailures).containsEntry(i, 1L);
    }
    assertThat(byFailures).containsEntry(11, 8 * 20 - 10L).hasSize(11);
    assertThat(seen.stream().flatMap(List::stream).filter(s -> s.failures() == 11))
        .allMatch(locked::equals);
    assertThat(store.status(KEY, policy)).isEqualTo(locked);
  }

  @Test
  void concurrentGrantsAreEachCounted() throws Exception {
    List<Integer> done =
        Concurrently.run(
            8,
            () -> {
              for (int i = 0; i < 50; i++) {
                LockoutState ignored = store.grantPasses(KEY, DEFAULTS, 1);
              }
              return 50;
            });
    assertThat(done).hasSize(8);
    assertThat(store.status(KEY, DEFAULTS).passes()).isEqualTo(400);
  }
}
