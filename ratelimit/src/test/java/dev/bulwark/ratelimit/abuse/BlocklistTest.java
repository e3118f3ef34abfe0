package dev.bulwark.ratelimit.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ratelimit.KeyPrivacy;
import dev.bulwark.ratelimit.RateLimit;
import dev.bulwark.ratelimit.RateLimitDecision;
import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.RateLimiter;
import dev.bulwark.ratelimit.RatePolicy;
import dev.bulwark.ratelimit.memory.MemoryBlocklistStore;
import dev.bulwark.ratelimit.memory.MemoryRateLimitStore;
import dev.bulwark.ratelimit.spi.BlocklistStore;
import dev.bulwark.ratelimit.spi.RateLimitStoreException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BlocklistTest {
  private static final RateLimitKey PHONE = RateLimitKey.phone("+15550100000");
  private static final RateLimitKey SOURCE = RateLimitKey.ip("203.0.113.9");

  private final AtomicLong now = new AtomicLong();
  private final MemoryBlocklistStore store =
      MemoryBlocklistStore.builder().ticker(now::get).executor(Runnable::run).build();
  private final Blocklist blocklist = Blocklist.builder(store).build();

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  private long storedBans() {
    store.cleanUp();
    return store.estimatedSize();
  }

  @Test
  void nullAndOutOfRangeArgumentsAreIllegalAndStoreNothing() {
    assertThatThrownBy(() -> blocklist.block(null, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key must not be null");
    assertThatThrownBy(() -> blocklist.block(PHONE, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ttl must not be null");
    for (Duration bad :
        new Duration[] {
          Duration.ZERO, Duration.ofNanos(-1), Duration.ofDays(-3), Duration.ofDays(367)
        }) {
      assertThatThrownBy(() -> blocklist.block(PHONE, bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("ttl must be between 1 ns and 366 days");
    }
    assertThatThrownBy(() -> blocklist.isBlocked(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> blocklist.unblock(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.block(null, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.block("k", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ttlNanos must be between 1 and");
    assertThat(storedBans()).isZero();
  }

  @Test
  void aBanEndsOnTimeAndUnblockLiftsItEarly() {
    assertThat(blocklist.block(PHONE, Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(10));
    assertThat(blocklist.isBlocked(PHONE)).isTrue();
    assertThat(blocklist.isBlocked(SOURCE)).isFalse();
    advance(Duration.ofMinutes(4));
    assertThat(blocklist.remaining(PHONE)).isEqualTo(Duration.ofMinutes(6));
    assertThat(blocklist.unblock(PHONE)).isTrue();
    assertThat(blocklist.unblock(PHONE)).isFalse();
    assertThat(blocklist.isBlocked(PHONE)).isFalse();
  }

  @Test
  void withKeyPrivacyTheStoreSeesOnlyAKeyedHash() {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) 7);
    Blocklist hashed = Blocklist.builder(store).keyPrivacy(KeyPrivacy.hmacSha256(secret)).build();
    Duration ignored = hashed.block(PHONE, Duration.ofMinutes(1));
    assertThat(hashed.isBlocked(PHONE)).isTrue();
    // The plain blocklist over the same store looks the canonical form up and finds nothing.
    assertThat(blocklist.isBlocked(PHONE)).isFalse();
    assertThat(store.remainingNanos(PHONE.canonical())).isZero();
    assertThat(store.remainingNanos(KeyPrivacy.hmacSha256(secret).apply(PHONE.canonical())))
        .isEqualTo(Duration.ofMinutes(1).toNanos());
    assertThat(hashed.toString()).contains("HMAC").doesNotContain("5550100000");
  }

  @Test
  void aFailingStoreFailsOpenByDefaultAndClosedOnRequest() {
    BlocklistStore down = new DownStore();
    Blocklist open = Blocklist.builder(down).build();
    Blocklist closed = Blocklist.builder(down).failClosed(true).build();
    assertThat(open.isBlocked(PHONE)).isFalse();
    assertThat(open.isBlockedAsync(PHONE).toCompletableFuture().join()).isFalse();
    assertThat(open.storeFailures()).isEqualTo(2);
    assertThat(closed.isBlocked(PHONE)).isTrue();
    assertThat(closed.isBlockedAsync(PHONE).toCompletableFuture().join()).isTrue();
    assertThat(closed.remaining(PHONE)).isEqualTo(Duration.ofSeconds(1));
    // A ban that could not be placed must not look placed.
    assertThatThrownBy(() -> open.block(PHONE, Duration.ofMinutes(1)))
        .isInstanceOf(RateLimitStoreException.class);
  }

  @Test
  void theGuardDeniesABannedKeyWithoutTouchingTheLimiterAndOtherwiseDefersToIt() {
    RateLimiter limiter =
        RateLimiter.of(
            RatePolicy.of("verify", RateLimit.of(2, Duration.ofMinutes(1))),
            MemoryRateLimitStore.builder().ticker(now::get).executor(Runnable::run).build());
    BlocklistGuard guard = BlocklistGuard.of(blocklist, limiter);
    Duration ignored = blocklist.block(SOURCE, Duration.ofSeconds(90));

    RateLimitDecision banned = guard.tryAcquire(SOURCE, 1);
    assertThat(banned.isAllowed()).isFalse();
    assertThat(banned.retryAfterNanos()).isEqualTo(Duration.ofSeconds(90).toNanos());
    assertThat(guard.tryAcquire(SOURCE)).isFalse();
    // The limiter was not consulted: the source still has its full budget.
    assertThat(limiter.check(SOURCE)).isEqualTo(limiter.check(RateLimitKey.ip("192.0.2.1")));

    // Ban the source, limit the phone number.
    assertThat(guard.tryAcquire(SOURCE, PHONE, 1).isAllowed()).isFalse();
    assertThat(guard.tryAcquire(RateLimitKey.ip("198.51.100.1"), PHONE, 1).isAllowed()).isTrue();

    assertThat(guard.tryAcquire(PHONE)).isTrue();
    assertThat(guard.tryAcquire(PHONE)).isFalse(); // the limiter's own denial
    advance(Duration.ofSeconds(90));
    assertThat(guard.tryAcquire(SOURCE)).isTrue();
    assertThat(guard.toString()).doesNotContain("203.0.113");
  }

  @Test
  void autoBanBansHeavyHittersOfItsDimensionsOnly() {
    Blocklist list = Blocklist.builder(store).build();
    AutoBan autoBan =
        AutoBan.builder(list)
            .ban(AbuseMonitor.Dimension.SOURCE_PREFIX, Duration.ofMinutes(15))
            .build();
    AbuseMonitor monitor =
        AbuseMonitor.builder()
            .ticker(now::get)
            .track(AbuseMonitor.Dimension.SOURCE_PREFIX, 5, 600)
            .track(AbuseMonitor.Dimension.ACCOUNT, 5, 600)
            .listener(autoBan)
            .build();
    RateLimitKey account = RateLimitKey.of("acct", "alice");
    for (int i = 0; i < 5; i++) {
      monitor.record(AbuseMonitor.Dimension.SOURCE_PREFIX, SOURCE);
      monitor.record(AbuseMonitor.Dimension.ACCOUNT, account);
    }
    assertThat(list.remaining(SOURCE)).isEqualTo(Duration.ofMinutes(15));
    assertThat(list.isBlocked(account)).isFalse();
    assertThat(autoBan.banCount()).isEqualTo(1);

    assertThatThrownBy(() -> AutoBan.builder(list).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> AutoBan.builder(list).ban(AbuseMonitor.Dimension.ACCOUNT, Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void autoBanCountsStoreFailuresInsteadOfThrowingIntoTheRequest() {
    AutoBan autoBan =
        AutoBan.builder(Blocklist.builder(new DownStore()).build())
            .ban(AbuseMonitor.Dimension.ACCOUNT, Duration.ofMinutes(1))
            .build();
    AbuseMonitor monitor =
        AbuseMonitor.builder()
            .ticker(now::get)
            .track(AbuseMonitor.Dimension.ACCOUNT, 1, 60)
            .listener(autoBan)
            .build();
    monitor.record(AbuseMonitor.Dimension.ACCOUNT, PHONE);
    assertThat(autoBan.failures()).isEqualTo(1);
    assertThat(monitor.listenerFailures()).isZero();
  }

  @Test
  void concurrentBansOfOneKeyKeepTheLongest() throws InterruptedException {
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      int id = t;
      threads[t] =
          new Thread(
              () -> {
                for (int i = 1; i <= 5_000; i++) {
                  Duration ignored = blocklist.block(PHONE, Duration.ofSeconds(id * 5_000L + i));
                  assertThat(blocklist.isBlocked(PHONE)).isTrue();
                }
              });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(blocklist.remaining(PHONE)).isEqualTo(Duration.ofSeconds(20_000));
    assertThat(storedBans()).isEqualTo(1);
  }

  /** A store whose backend is unreachable. */
  private static final class DownStore implements BlocklistStore {
    @Override
    public long block(String key, long ttlNanos) {
      throw new RateLimitStoreException("store unreachable");
    }

    @Override
    public long remainingNanos(String key) {
      throw new RateLimitStoreException("store unreachable");
    }

    @Override
    public boolean unblock(String key) {
      throw new RateLimitStoreException("store unreachable");
    }
  }
}
