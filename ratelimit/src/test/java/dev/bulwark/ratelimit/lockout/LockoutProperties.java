package dev.bulwark.ratelimit.lockout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.bulwark.ratelimit.memory.MemoryLockoutStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The lockout counter's guarantees, as properties over random policies and failure histories. */
class LockoutProperties {

  private static Gen<LockoutPolicy> policies() {
    return integers()
        .between(0, 5)
        .zip(
            integers().between(1, 600),
            integers().between(1, 4),
            integers().between(0, 1),
            (free, baseSeconds, maxFactor, linear) ->
                LockoutPolicy.builder()
                    .freeFailures(free)
                    .baseLock(Duration.ofSeconds(baseSeconds))
                    .maxLock(Duration.ofSeconds((long) baseSeconds << (maxFactor * 3)))
                    .growth(
                        linear == 1 ? LockoutPolicy.Growth.LINEAR : LockoutPolicy.Growth.DOUBLING)
                    .decay(Duration.ofDays(1))
                    .build());
  }

  /** Lock durations never shrink as lock-outs accumulate, and never exceed the maximum. */
  @Test
  void lockDurationsAreMonotoneInFailuresAndCapped() {
    qt().forAll(policies(), integers().between(1, 200))
        .checkAssert(
            (policy, lockouts) -> {
              long d = policy.lockNanos(lockouts);
              assertThat(d).isPositive().isLessThanOrEqualTo(policy.maxLock().toNanos());
              assertThat(policy.lockNanos(lockouts + 1)).isGreaterThanOrEqualTo(d);
              assertThat(policy.lockNanos(1)).isEqualTo(policy.baseLock().toNanos());
            });
  }

  // That each lock the store imposes lasts exactly LockoutPolicy.lockNanos is the store's
  // contract: see LockoutStoreContract.eachLockLastsExactlyWhatThePolicyComputes.

  /** Whatever happened before, a recorded success leaves both counters clear. */
  @Test
  void aSuccessAlwaysClears() {
    qt().forAll(policies(), lists().of(integers().between(0, 120)).ofSizeBetween(0, 40))
        .checkAssert(
            (policy, gapsInSeconds) -> {
              AtomicLong now = new AtomicLong();
              MemoryLockoutStore store = MemoryLockoutStore.create(now::get);
              LockoutGuard guard =
                  LockoutGuard.builder().ticker(now::get).store(store).perSource(policy).build();
              var subject = dev.bulwark.ratelimit.RateLimitKey.account(java.util.UUID.randomUUID());
              var source = dev.bulwark.ratelimit.RateLimitKey.ip("192.0.2.1");
              for (int gap : gapsInSeconds) {
                now.addAndGet(Duration.ofSeconds(gap).toNanos());
                guard.recordFailure(subject, source);
              }
              guard.recordSuccess(subject, source);
              assertThat(guard.check(subject, source).isAllowed()).isTrue();
              // Cleared, not merely unlocked: the free failures are all available again.
              for (int i = 0; i < policy.freeFailures(); i++) {
                assertThat(guard.recordFailure(subject, source).isAllowed()).isTrue();
              }
            });
  }
}
