package dev.bulwark.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.abuse.Blocklist;
import dev.bulwark.ratelimit.memory.MemoryBlocklistStore;
import dev.bulwark.ratelimit.spi.BlocklistStore;
import dev.bulwark.ratelimit.spi.BlocklistStoreContract;
import dev.bulwark.ratelimit.spi.ContractClock;
import dev.bulwark.redis.RedisTestBackend;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link RedisBlocklistStore} on a standalone Redis: the {@link BlocklistStore} contract with a
 * caller clock, then server time, key expiry and the round trips.
 */
class RedisBlocklistStoreTest extends BlocklistStoreContract {
  @RegisterExtension static final RedisTestBackend REDIS = RedisTestBackend.standalone();

  @Override
  protected BlocklistStore newStore(ContractClock clock) {
    return RedisBlocklistStore.builder(REDIS.backend()).clock(clock.instantSource()).build();
  }

  @Override
  protected long resolutionNanos() {
    return 1_000; // deadlines in microseconds, TIME's resolution
  }

  /** By default time is the server's: a ban ends, and its key goes, by the server's clock. */
  @Test
  void withServerTimeABanEndsAndItsKeyExpiresByTheServersClock() throws Exception {
    BlocklistStore store = RedisBlocklistStore.create(REDIS.backend());
    long start = System.nanoTime();
    long ttl = Duration.ofMillis(1_200).toNanos();
    assertThat(store.block("ip:198.51.100.7", ttl)).isEqualTo(ttl);
    long remaining = store.remainingNanos("ip:198.51.100.7");
    assertThat(remaining).isPositive().isLessThanOrEqualTo(ttl);
    assertThat(
            store
                .remainingNanosAsync("ip:198.51.100.7")
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS))
        .isPositive()
        .isLessThanOrEqualTo(remaining);
    assertThat((Long) REDIS.server().command("PTTL", "bulwark:blocklist:ip:198.51.100.7"))
        .isBetween(1L, 1_200L);
    while (System.nanoTime() - start < ttl + Duration.ofMillis(100).toNanos()) {
      Thread.sleep(50);
    }
    assertThat(store.remainingNanos("ip:198.51.100.7")).isZero();
    assertThat(REDIS.server().command("EXISTS", "bulwark:blocklist:ip:198.51.100.7")).isEqualTo(0L);
  }

  @Test
  void eachCallIsOneScriptRun() {
    BlocklistStore store = RedisBlocklistStore.create(REDIS.backend());
    long ignored = store.block("k", 1_000_000_000L);
    REDIS.server().resetStats();
    ignored = store.block("k", 2_000_000_000L);
    ignored = store.remainingNanos("k");
    boolean lifted = store.unblock("k");
    assertThat(lifted).isTrue();
    assertThat(REDIS.server().commandCalls("evalsha")).isEqualTo(3);
    assertThat(REDIS.server().commandCalls("eval")).isZero();
  }

  @Test
  void aBlocklistOverRedisSeesBansPlacedByAnotherInstance() {
    Blocklist first = Blocklist.builder(RedisBlocklistStore.create(REDIS.backend())).build();
    Blocklist second = Blocklist.builder(RedisBlocklistStore.create(REDIS.backend())).build();
    RateLimitKey source = RateLimitKey.ip("203.0.113.50");
    Duration ignored = first.block(source, Duration.ofMinutes(5));
    assertThat(second.isBlocked(source)).isTrue();
    assertThat(second.remaining(source)).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5));
    assertThat(second.unblock(source)).isTrue();
    assertThat(first.isBlocked(source)).isFalse();
  }

  @Test
  void toStringNamesNoKey() {
    BlocklistStore store = RedisBlocklistStore.create(REDIS.backend());
    long ignored = store.block("ip:203.0.113.50", 1_000_000_000L);
    assertThat(store.toString()).contains("server TIME").doesNotContain("203.0.113");
  }

  /**
   * On any history of bans, reads and lifts over a few keys, spaced by random pauses, the Redis
   * store answers exactly what the in-memory store answers (TTLs in whole milliseconds, which both
   * represent exactly).
   */
  @Test
  void agreesWithTheInMemoryStoreOnRandomHistories() {
    ContractClock shared = new ContractClock();
    BlocklistStore redisStore = newStore(shared);
    AtomicInteger example = new AtomicInteger();
    qt().withExamples(25)
        .withShrinkCycles(50)
        .forAll(lists().of(integers().between(0, 29_999)).ofSizeBetween(1, 40))
        .checkAssert(
            steps -> {
              BlocklistStore model =
                  MemoryBlocklistStore.builder()
                      .ticker(shared.ticker())
                      .executor(Runnable::run)
                      .build();
              int run = example.incrementAndGet();
              for (int step : steps) {
                String key = "history-" + run + "/" + step % 3;
                shared.advance(Duration.ofMillis(step / 30));
                switch (step % 30 / 10) {
                  case 0 -> {
                    long ttl = Duration.ofMillis(1 + step % 997).toNanos();
                    assertThat(redisStore.block(key, ttl)).isEqualTo(model.block(key, ttl));
                  }
                  case 1 ->
                      assertThat(redisStore.remainingNanos(key))
                          .isEqualTo(model.remainingNanos(key));
                  default -> assertThat(redisStore.unblock(key)).isEqualTo(model.unblock(key));
                }
              }
            });
  }
}
