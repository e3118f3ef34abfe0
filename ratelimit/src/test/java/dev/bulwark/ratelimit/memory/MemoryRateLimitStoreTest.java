package dev.bulwark.ratelimit.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ratelimit.RateLimit;
import dev.bulwark.ratelimit.RatePolicy;
import dev.bulwark.ratelimit.Ticker;
import dev.bulwark.ratelimit.spi.RateLimitStore;
import dev.bulwark.ratelimit.spi.RateLimitStoreContract;
import dev.bulwark.ratelimit.spi.StoreOperation;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The in-memory store: the SPI contract, and what only it does (sweeping, bounds). */
class MemoryRateLimitStoreTest extends RateLimitStoreContract {
  private final AtomicLong now = new AtomicLong(1_000);
  private final RatePolicy policy = RatePolicy.of("p", RateLimit.of(2, Duration.ofSeconds(10)));

  @Override
  protected RateLimitStore newStore(Ticker ticker) {
    return MemoryRateLimitStore.builder().ticker(ticker).executor(Runnable::run).build();
  }

  @Test
  void estimatedKeyCountIsZeroForAnUnknownPolicy() {
    assertThat(MemoryRateLimitStore.create().estimatedKeyCount("missing")).isZero();
  }

  @Test
  void idleKeysVanishOnceTheyWouldBeFullAgain() {
    MemoryRateLimitStore store =
        MemoryRateLimitStore.builder().ticker(now::get).executor(Runnable::run).build();
    assertThat(store.tryAcquire(policy, "a")).isTrue();
    assertThat(store.tryAcquire(policy, "b")).isTrue();
    assertThat(store.estimatedKeyCount("p")).isEqualTo(2);
    now.addAndGet(Duration.ofSeconds(10).toNanos() - 1);
    store.cleanUp();
    assertThat(store.estimatedKeyCount("p")).isEqualTo(2);
    now.addAndGet(1);
    store.cleanUp();
    assertThat(store.estimatedKeyCount("p")).isZero();
    // Vanishing changed nothing observable: the keys are full.
    assertThat(store.apply(policy, "a", StoreOperation.ACQUIRE, 2).isAllowed()).isTrue();
  }

  @Test
  void aKeyThatStillOwesIsNeverSwept() {
    MemoryRateLimitStore store =
        MemoryRateLimitStore.builder().ticker(now::get).executor(Runnable::run).build();
    assertThat(store.tryAcquire(policy, "a")).isTrue();
    now.addAndGet(Duration.ofSeconds(4).toNanos());
    assertThat(store.tryAcquire(policy, "a")).isTrue();
    assertThat(store.tryAcquire(policy, "a")).isFalse();
    now.addAndGet(Duration.ofSeconds(15).toNanos());
    store.cleanUp();
    assertThat(store.estimatedKeyCount("p")).isEqualTo(1);
    assertThat(store.apply(policy, "a", StoreOperation.CHECK, 1).remaining()).isZero();
  }

  @Test
  void sweepsStartByThemselvesOnceEnoughKeysWereCreated() {
    MemoryRateLimitStore store =
        MemoryRateLimitStore.builder().ticker(now::get).executor(Runnable::run).build();
    for (int i = 0; i < MemoryRateLimitStore.SWEEP_AFTER_MIN_CREATIONS - 1; i++) {
      assertThat(store.tryAcquire(policy, "k" + i)).isTrue();
    }
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(store.estimatedKeyCount("p"))
        .isEqualTo(MemoryRateLimitStore.SWEEP_AFTER_MIN_CREATIONS - 1);
    assertThat(store.tryAcquire(policy, "last")).isTrue();
    // The sweep ran with the creation of "last": every earlier key was full and is gone.
    assertThat(store.estimatedKeyCount("p")).isEqualTo(1);
  }

  /**
   * A sweep may remove a key the moment it is full, while a decision is being taken on it. Each
   * round refills the key, then takes its whole burst and one more: the extra one must be denied,
   * which would fail if any of the burst had been taken on a cell the sweep had already removed.
   */
  @Test
  void aDecisionRacingASweepIsNeverLost() throws Exception {
    RatePolicy two = RatePolicy.of("two", RateLimit.of(2, Duration.ofNanos(10)));
    MemoryRateLimitStore store =
        MemoryRateLimitStore.builder().ticker(now::get).executor(Runnable::run).build();
    java.util.concurrent.atomic.AtomicBoolean running =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread sweeper =
        new Thread(
            () -> {
              while (running.get()) {
                store.cleanUp();
              }
            });
    sweeper.start();
    try {
      for (int round = 0; round < 50_000; round++) {
        now.addAndGet(20); // full again, so the sweeper may remove it at any moment
        assertThat(store.tryAcquire(two, "k")).isTrue();
        assertThat(store.tryAcquire(two, "k")).isTrue();
        assertThat(store.tryAcquire(two, "k")).isFalse();
      }
    } finally {
      running.set(false);
      sweeper.join();
    }
  }

  @Test
  void atTheBoundKeysAreEvictedAndCounted() {
    MemoryRateLimitStore store =
        MemoryRateLimitStore.builder()
            .ticker(now::get)
            .executor(Runnable::run)
            .maximumKeysPerPolicy(100)
            .build();
    for (int i = 0; i < 1_000; i++) {
      assertThat(store.tryAcquire(policy, "k" + i)).isTrue();
    }
    store.cleanUp();
    assertThat(store.estimatedKeyCount("p")).isLessThanOrEqualTo(100);
    assertThat(store.evictionCount()).isGreaterThanOrEqualTo(900);
  }
}
