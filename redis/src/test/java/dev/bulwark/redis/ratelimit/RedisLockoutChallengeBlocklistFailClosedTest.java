package dev.bulwark.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.abuse.Blocklist;
import dev.bulwark.ratelimit.lockout.LockoutGuard;
import dev.bulwark.ratelimit.lockout.LockoutPolicy;
import dev.bulwark.ratelimit.spi.BlocklistStore;
import dev.bulwark.ratelimit.spi.ChallengeStore;
import dev.bulwark.ratelimit.spi.LockoutStore;
import dev.bulwark.ratelimit.spi.RateLimitStoreException;
import dev.bulwark.redis.RedisBackend;
import dev.bulwark.testkit.redis.RedisServer;
import dev.bulwark.testkit.redis.RedisServerExtension;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lockout, challenge and blocklist stores fail closed: while their Redis is frozen or dead,
 * every operation throws {@link RateLimitStoreException} within about the command timeout (the
 * async form completes with it without blocking the caller), the guards refuse, and nothing secret
 * is in the message. Once Redis is back the same store objects answer again.
 */
class RedisLockoutChallengeBlocklistFailClosedTest {
  @RegisterExtension
  static final RedisServerExtension REDIS =
      RedisServerExtension.dedicated(RedisServer.Options.ephemeral());

  private static final Duration TIMEOUT = Duration.ofMillis(200);
  private static final Duration PROMPTLY = Duration.ofMillis(1_500);
  private static final RateLimitKey SUBJECT = RateLimitKey.phone("+15550100123");
  private static final RateLimitKey SOURCE = RateLimitKey.ip("203.0.113.9");

  private RedisBackend redis;
  private LockoutStore lockouts;
  private ChallengeStore challenges;
  private BlocklistStore bans;
  private LockoutGuard guard;
  private Blocklist blocklist;

  @BeforeEach
  void connect() {
    redis = RedisBackend.builder().standalone(REDIS.server().uri()).commandTimeout(TIMEOUT).build();
    lockouts = RedisLockoutStore.create(redis);
    challenges = RedisChallengeStore.create(redis);
    bans = RedisBlocklistStore.create(redis);
    guard = LockoutGuard.builder().store(lockouts).build();
    blocklist = Blocklist.builder(bans).failClosed(true).build();
  }

  @AfterEach
  void disconnect() {
    REDIS.server().resume();
    redis.close();
  }

  /** Runs every operation of the three stores, and the guards over them, against a dead Redis. */
  private void everyOperationFailsClosed() throws Exception {
    LockoutPolicy policy = LockoutPolicy.perSourceDefaults();
    String key = "lockout-subject:+15550100123";
    ThrowingCallable[] operations = {
      () -> lockouts.recordFailure(key, policy),
      () -> lockouts.status(key, policy),
      () -> lockouts.grantPasses(key, policy, 1),
      () -> lockouts.clear(key),
      () -> challenges.markUsed("token:secret-nonce", Duration.ofMinutes(5)),
      () -> challenges.put("pow:secret-nonce", new byte[] {1}, Duration.ofMinutes(5)),
      () -> challenges.take("pow:secret-nonce"),
      () -> bans.block("ip:203.0.113.9", 1_000_000_000L),
      () -> bans.remainingNanos("ip:203.0.113.9"),
      () -> bans.unblock("ip:203.0.113.9"),
      // The guard lets the store's exception through: no decision, so the attempt is refused.
      () -> guard.check(SUBJECT, SOURCE),
      () -> guard.recordFailure(SUBJECT, SOURCE),
    };
    for (ThrowingCallable operation : operations) {
      long start = System.nanoTime();
      assertThatThrownBy(operation)
          .isInstanceOf(RateLimitStoreException.class)
          .hasMessageNotContaining("5550100123")
          .hasMessageNotContaining("secret-nonce")
          .hasMessageNotContaining("203.0.113")
          .hasCauseInstanceOf(RuntimeException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPTLY);
    }
    // The blocklist, told to fail closed, treats every key as blocked.
    assertThat(blocklist.isBlocked(SOURCE)).isTrue();
    assertThat(blocklist.storeFailures()).isEqualTo(1);

    // The async form returns at once and completes with the store's exception.
    long start = System.nanoTime();
    CompletableFuture<Long> pending =
        bans.remainingNanosAsync("ip:203.0.113.9").toCompletableFuture();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT);
    assertThatThrownBy(() -> pending.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(RateLimitStoreException.class);
    assertThat(blocklist.isBlockedAsync(SOURCE).toCompletableFuture().get(5, TimeUnit.SECONDS))
        .isTrue();
  }

  /** The state written before the outage, read through the same store objects. */
  private void worksAgain() {
    assertThat(guard.check(SUBJECT, SOURCE).isAllowed()).isTrue();
    assertThat(guard.recordFailure(SUBJECT, SOURCE).isAllowed()).isTrue();
    assertThat(challenges.markUsed("token:after", Duration.ofMinutes(5))).isTrue();
    assertThat(challenges.markUsed("token:after", Duration.ofMinutes(5))).isFalse();
    assertThat(blocklist.block(SOURCE, Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
    assertThat(blocklist.isBlocked(SOURCE)).isTrue();
    assertThat(blocklist.isBlocked(RateLimitKey.ip("198.51.100.1"))).isFalse();
  }

  private static <T> T eventually(Supplier<T> attempt) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (true) {
      try {
        return attempt.get();
      } catch (RateLimitStoreException stillReconnecting) {
        if (System.nanoTime() > deadline) {
          throw stillReconnecting;
        }
        RedisChallengeStoreTest.sleep(Duration.ofMillis(20));
      }
    }
  }

  @Test
  void aFrozenRedisIsRefusedWithinTheTimeoutAndServesAgainWhenItThaws() throws Exception {
    assertThat(challenges.markUsed("token:before", Duration.ofMinutes(5))).isTrue();
    REDIS.server().pause();
    try {
      everyOperationFailsClosed();
    } finally {
      REDIS.server().resume();
    }
    // Nothing was lost while frozen, and no new object was needed.
    assertThat(eventually(() -> challenges.markUsed("token:before", Duration.ofMinutes(5))))
        .isFalse();
    worksAgain();
  }

  @Test
  void aDeadRedisIsRefusedAtOnceAndServesAgainAfterARestart() throws Exception {
    assertThat(guard.recordFailure(SUBJECT, SOURCE).isAllowed()).isTrue();
    REDIS.server().kill();
    everyOperationFailsClosed();
    REDIS.server().restart();
    // An ephemeral server comes back empty; the same store objects find it within seconds.
    assertThat(eventually(() -> guard.check(SUBJECT, SOURCE)).isAllowed()).isTrue();
    worksAgain();
  }
}
