package dev.bulwark.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.challenge.ChallengeKind;
import dev.bulwark.ratelimit.challenge.ChallengeOutcome;
import dev.bulwark.ratelimit.challenge.ChallengeTokens;
import dev.bulwark.ratelimit.spi.ChallengeStore;
import dev.bulwark.ratelimit.spi.ChallengeStoreContract;
import dev.bulwark.ratelimit.spi.ContractClock;
import dev.bulwark.ratelimit.spi.RateLimitStoreException;
import dev.bulwark.redis.RedisTestBackend;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link RedisChallengeStore} on a standalone Redis: the {@link ChallengeStore} contract (entries
 * expire by the server's clock, so letting time pass means waiting), then the key layout, the
 * commands used, the time-to-live checks only Redis needs, and values it never writes refused.
 */
class RedisChallengeStoreTest extends ChallengeStoreContract {
  @RegisterExtension static final RedisTestBackend REDIS = RedisTestBackend.standalone();

  @Override
  protected ChallengeStore newStore(ContractClock clock) {
    return RedisChallengeStore.create(REDIS.backend());
  }

  @Override
  protected void elapse(Duration d) {
    sleep(d);
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  @Test
  void eachIdIsOneStringUnderThePrefixExpiringAfterItsTimeToLive() {
    ChallengeStore store = RedisChallengeStore.create(REDIS.backend());
    assertThat(store.markUsed("token:a", Duration.ofSeconds(30))).isTrue();
    store.put("pow:b", new byte[] {5, 6}, Duration.ofMillis(1_500));
    assertThat(REDIS.server().command("TYPE", "bulwark:challenge:token:a")).isEqualTo("string");
    assertThat((Long) REDIS.server().command("PTTL", "bulwark:challenge:token:a"))
        .isBetween(29_000L, 30_000L);
    assertThat((Long) REDIS.server().command("PTTL", "bulwark:challenge:pow:b"))
        .isBetween(1_000L, 1_500L);
    // A sub-millisecond time to live is rounded up, never down to "forever" or "now".
    assertThat(store.markUsed("token:c", Duration.ofNanos(1))).isTrue();
    assertThat((Long) REDIS.server().command("PTTL", "bulwark:challenge:token:c"))
        .isBetween(-2L, 1L);
  }

  @Test
  void oneCommandPerOperation() {
    ChallengeStore store = RedisChallengeStore.create(REDIS.backend());
    assertThat(store.take("warm-up: the script is now cached")).isNull();
    REDIS.server().resetStats();
    assertThat(store.markUsed("t", Duration.ofMinutes(1))).isTrue();
    store.put("d", new byte[] {1}, Duration.ofMinutes(1));
    assertThat(store.take("d")).containsExactly(1);
    assertThat(REDIS.server().commandCalls("set")).isEqualTo(2);
    assertThat(REDIS.server().commandCalls("evalsha")).isEqualTo(1);
  }

  /**
   * A value under the prefix that the store never writes (here plain text, an empty string, an
   * unknown tag and a used mark with a trailing byte) is neither handed out as a digest nor read as
   * "none", which would look like a consumed challenge: {@code take} fails closed with {@link
   * RateLimitStoreException}, naming neither the identifier nor the value, and leaves the value as
   * it was. A used mark is still taken as "no digest" and removed, as in the in-memory store.
   */
  @Test
  void aValueNotWrittenByThisStoreIsRefusedAndLeftInPlace() throws Exception {
    ChallengeStore store = RedisChallengeStore.create(REDIS.backend());
    String key = REDIS.backend().keyPrefix() + "challenge:foreign-7c1e";
    for (byte[] foreign :
        new byte[][] {
          "plain".getBytes(StandardCharsets.US_ASCII), {}, {2, 1, 2, 3}, {0, 0}, {(byte) 0xff}
        }) {
      REDIS.backend().commands().set(key, foreign).toCompletableFuture().get();
      assertThatThrownBy(() -> store.take("foreign-7c1e"))
          .isExactlyInstanceOf(RateLimitStoreException.class)
          .hasMessage("the Redis challenge store holds a value not in its format")
          .hasMessageNotContaining("foreign-7c1e");
      assertThat(REDIS.backend().commands().get(key).toCompletableFuture().get())
          .isEqualTo(foreign);
    }
    REDIS.backend().commands().del(key).toCompletableFuture().get();
    assertThat(store.markUsed("foreign-7c1e", Duration.ofMinutes(1))).isTrue();
    assertThat(store.take("foreign-7c1e")).isNull();
    assertThat(REDIS.server().command("EXISTS", key)).isEqualTo(0L);
  }

  /**
   * Two application instances redeeming the same token through one Redis: whichever asks first, and
   * however many ask at once, the token passes exactly once.
   */
  @Test
  void aTokenPassesOnceAcrossInstancesSharingRedis() throws Exception {
    byte[] secret = new byte[32];
    java.util.Arrays.fill(secret, (byte) 3);
    ChallengeTokens first =
        ChallengeTokens.builder(secret).store(RedisChallengeStore.create(REDIS.backend())).build();
    ChallengeTokens second =
        ChallengeTokens.builder(secret).store(RedisChallengeStore.create(REDIS.backend())).build();
    RateLimitKey subject = RateLimitKey.phone("+15550100123");
    String token = first.issue(ChallengeKind.CAPTCHA, 0, subject, "login").token();
    assertThat(second.redeem(token, ChallengeKind.CAPTCHA, subject, "login"))
        .isEqualTo(ChallengeOutcome.PASSED);
    assertThat(first.redeem(token, ChallengeKind.CAPTCHA, subject, "login"))
        .isEqualTo(ChallengeOutcome.ALREADY_USED);

    String raced = first.issue(ChallengeKind.CAPTCHA, 0, subject, "login").token();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<ChallengeOutcome>> outcomes = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        ChallengeTokens instance = i % 2 == 0 ? first : second;
        outcomes.add(
            pool.submit(() -> instance.redeem(raced, ChallengeKind.CAPTCHA, subject, "login")));
      }
      List<ChallengeOutcome> results = new ArrayList<>();
      for (Future<ChallengeOutcome> outcome : outcomes) {
        results.add(outcome.get(10, TimeUnit.SECONDS));
      }
      assertThat(results).containsOnlyOnce(ChallengeOutcome.PASSED);
      assertThat(results)
          .filteredOn(o -> o != ChallengeOutcome.PASSED)
          .containsOnly(ChallengeOutcome.ALREADY_USED);
    } finally {
      pool.shutdownNow();
    }
  }
}
