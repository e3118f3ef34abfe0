package dev.bulwark.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ratelimit.RateLimit;
import dev.bulwark.ratelimit.RateLimitDecision;
import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.RateLimiter;
import dev.bulwark.ratelimit.RatePolicy;
import dev.bulwark.ratelimit.Ticker;
import dev.bulwark.ratelimit.spi.RateLimitStore;
import dev.bulwark.ratelimit.spi.RateLimitStoreContract;
import dev.bulwark.ratelimit.spi.RateLimitStoreException;
import dev.bulwark.ratelimit.spi.StoreOperation;
import dev.bulwark.redis.RedisBackend;
import dev.bulwark.redis.ratelimit.RedisRateLimitStore.Request;
import dev.bulwark.testkit.redis.RedisServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis store on a standalone server: the SPI contract (on the caller's clock, which the
 * contract moves by hand), and what only it does: server time, key layout and expiry, one {@code
 * EVALSHA} per decision, batches, failures.
 */
class RedisRateLimitStoreTest extends RateLimitStoreContract {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.shared();

  private final List<RedisBackend> backends = new ArrayList<>();

  private RedisBackend backend() {
    RedisBackend backend =
        RedisBackend.builder()
            .standalone(REDIS.server().uri())
            .commandTimeout(Duration.ofSeconds(2))
            .build();
    backends.add(backend);
    return backend;
  }

  @Override
  protected RateLimitStore newStore(Ticker ticker) {
    return RedisRateLimitStore.builder(backend()).callerTicker(ticker).build();
  }

  @AfterEach
  void closeBackends() {
    backends.forEach(RedisBackend::close);
  }

  private RedisRateLimitStore serverTimeStore() {
    return RedisRateLimitStore.create(backend());
  }

  @Test
  void serverTimeModeEnforcesTheBurstAndReportsWaitsFromTheServersClock() {
    RedisRateLimitStore store = serverTimeStore();
    assertThat(store.usesServerTime()).isTrue();
    RatePolicy p = RatePolicy.of("server-time", RateLimit.of(3, Duration.ofMinutes(1)));
    assertThat(store.tryAcquire(p, "a")).isTrue();
    assertThat(store.tryAcquire(p, "a")).isTrue();
    assertThat(store.tryAcquire(p, "a")).isTrue();
    RateLimitDecision denied = store.apply(p, "a", StoreOperation.ACQUIRE, 1);
    assertThat(denied.isAllowed()).isFalse();
    // A minute minus the (real) time since the first acquisition, to the microsecond.
    assertThat(denied.retryAfter())
        .isBetween(Duration.ofSeconds(50), Duration.ofMinutes(1))
        .isEqualTo(Duration.ofNanos(denied.retryAfterNanos() / 1_000 * 1_000));
    assertThat(denied.resetAfter()).isBetween(Duration.ofMinutes(2), Duration.ofMinutes(3));
    assertThat(store.tryAcquire(p, "b")).isTrue();
  }

  /** Two stores whose callers' clocks are an hour apart agree, because the server keeps time. */
  @Test
  void serverTimeModeIgnoresTheCallersClocks() {
    RatePolicy p = RatePolicy.of("skew", RateLimit.of(2, Duration.ofMinutes(10)));
    RedisRateLimitStore first = serverTimeStore();
    RedisRateLimitStore second = serverTimeStore();
    assertThat(first.tryAcquire(p, "a")).isTrue();
    assertThat(second.tryAcquire(p, "a")).isTrue();
    assertThat(first.tryAcquire(p, "a")).isFalse();
    assertThat(second.tryAcquire(p, "a")).isFalse();
  }

  @Test
  void refillHappensOnTheServersClock() throws InterruptedException {
    RedisRateLimitStore store = serverTimeStore();
    RatePolicy p = RatePolicy.of("refill", RateLimit.of(2, Duration.ofMillis(100)));
    assertThat(store.tryAcquire(p, "a")).isTrue();
    assertThat(store.tryAcquire(p, "a")).isTrue();
    RateLimitDecision denied = store.apply(p, "a", StoreOperation.ACQUIRE, 1);
    assertThat(denied.isAllowed()).isFalse();
    Thread.sleep(denied.retryAfterMillis() + 20);
    assertThat(store.tryAcquire(p, "a")).isTrue();
  }

  @Test
  void eachLimitIsOneKeyUnderTheSubjectsHashTagExpiringWhenFullAgain() {
    RedisRateLimitStore store = serverTimeStore();
    RatePolicy p =
        RatePolicy.of(
            "layout",
            RateLimit.of(5, Duration.ofSeconds(12)),
            RateLimit.of(6, Duration.ofHours(4)));
    assertThat(store.apply(p, "h:abc", StoreOperation.ACQUIRE, 2).isAllowed()).isTrue();
    assertThat(keys())
        .containsExactlyInAnyOrder("bulwark:rl:{layout:h:abc}:0", "bulwark:rl:{layout:h:abc}:1");
    long ttl0 = (Long) REDIS.server().command("PTTL", "bulwark:rl:{layout:h:abc}:0");
    long ttl1 = (Long) REDIS.server().command("PTTL", "bulwark:rl:{layout:h:abc}:1");
    assertThat(ttl0).isBetween(23_000L, 24_000L);
    assertThat(ttl1)
        .isBetween(Duration.ofHours(8).toMillis() - 1_000, Duration.ofHours(8).toMillis());
    long tat =
        Long.parseLong((String) REDIS.server().command("GET", "bulwark:rl:{layout:h:abc}:0"));
    long serverMicros = serverMicros();
    assertThat(tat - serverMicros).isBetween(23_000_000L, 24_000_000L);
    // A refund to full and a reset leave nothing behind.
    assertThat(store.apply(p, "h:abc", StoreOperation.REFUND, 2).remaining()).isEqualTo(5);
    assertThat(keys()).isEmpty();
    assertThat(store.apply(p, "h:abc", StoreOperation.ACQUIRE, 1).isAllowed()).isTrue();
    assertThat(store.apply(p, "h:abc", StoreOperation.RESET, 1).remaining()).isEqualTo(5);
    assertThat(keys()).isEmpty();
    // A check and a denial write nothing.
    assertThat(store.apply(p, "h:other", StoreOperation.CHECK, 1).isAllowed()).isTrue();
    assertThat(keys()).isEmpty();
  }

  @Test
  void theBackendsKeyPrefixComesFirst() {
    RedisBackend prefixed =
        RedisBackend.builder().standalone(REDIS.server().uri()).keyPrefix("app1:").build();
    backends.add(prefixed);
    RedisRateLimitStore store = RedisRateLimitStore.create(prefixed);
    assertThat(store.tryAcquire(RatePolicy.of("p", RateLimit.perMinute(1)), "k")).isTrue();
    assertThat(keys()).containsExactly("app1:rl:{p:k}:0");
  }

  /**
   * The limiter hands over a keyed hash when the policy says so: no raw identifier reaches Redis.
   */
  @Test
  void withKeyPrivacyRedisNeverSeesTheRawIdentifier() {
    RatePolicy p =
        RatePolicy.builder("private")
            .limit(RateLimit.perMinute(1))
            .keyPrivacy(dev.bulwark.ratelimit.KeyPrivacy.hmacSha256(new byte[32]))
            .build();
    RateLimiter limiter = RateLimiter.of(p, serverTimeStore());
    assertThat(limiter.tryAcquire(RateLimitKey.phone("+15550100001"))).isTrue();
    assertThat(limiter.tryAcquire(RateLimitKey.phone("+15550100001"))).isFalse();
    assertThat(keys()).hasSize(1).allSatisfy(k -> assertThat(k).doesNotContain("5550100001"));
    assertThat(REDIS.server().command("GET", keys().get(0)).toString())
        .doesNotContain("5550100001");
  }

  @Test
  void everyDecisionIsExactlyOneEvalsha() {
    RedisRateLimitStore store = serverTimeStore();
    RatePolicy p =
        RatePolicy.of("one-trip", RateLimit.of(5, Duration.ofMinutes(1)), RateLimit.perDay(100));
    assertThat(store.tryAcquire(p, "warm-up")).isTrue(); // loads the script (NOSCRIPT, EVAL)
    REDIS.server().resetStats();
    int decisions = 0;
    for (int i = 0; i < 20; i++) {
      assertThat(store.apply(p, "k" + (i % 3), StoreOperation.ACQUIRE, 1)).isNotNull();
      assertThat(store.applyAsync(p, "k", StoreOperation.CHECK, 1).toCompletableFuture().join())
          .isNotNull();
      decisions += 2;
    }
    assertThat(store.tryAcquireAll(List.of(Request.of(p, "x"), Request.of(p, "y")))).hasSize(2);
    decisions += 1; // one batch on a standalone server is one call
    assertThat(REDIS.server().commandCalls("evalsha")).isEqualTo(decisions);
    assertThat(REDIS.server().commandCalls("eval")).isZero();
  }

  @Test
  void aBatchDecidesEachRequestIndependentlyInOrder() {
    RedisRateLimitStore store =
        RedisRateLimitStore.builder(backend()).callerTicker(() -> 5_000_000_000L).build();
    RatePolicy ip = RatePolicy.of("ip", RateLimit.of(2, Duration.ofMinutes(1)));
    RatePolicy phone = RatePolicy.of("phone", RateLimit.of(1, Duration.ofHours(1)));
    RatePolicy global =
        RatePolicy.of("global", RateLimit.of(100, Duration.ofSeconds(1)), RateLimit.perDay(1_000));
    List<Request> registration =
        List.of(Request.of(ip, "ip4:1"), Request.of(phone, "h:p"), Request.of(global, "all"));
    assertThat(store.tryAcquireAll(registration))
        .extracting(RateLimitDecision::isAllowed)
        .containsExactly(true, true, true);
    List<RateLimitDecision> second = store.tryAcquireAll(registration);
    assertThat(second).extracting(RateLimitDecision::isAllowed).containsExactly(true, false, true);
    // Independent: the phone denial did not undo the ip and global permits.
    assertThat(second.get(0).remaining()).isZero();
    assertThat(second.get(1).retryAfter()).isEqualTo(Duration.ofHours(1));
    assertThat(second.get(2).remaining()).isEqualTo(98);
    // The same as deciding each alone.
    assertThat(store.apply(global, "all", StoreOperation.CHECK, 1).remaining()).isEqualTo(97);
    // Requests on one key in one batch are decided in list order.
    RatePolicy two = RatePolicy.of("two", RateLimit.of(2, Duration.ofMinutes(1)));
    assertThat(
            store.tryAcquireAll(
                List.of(Request.of(two, "k"), new Request(two, "k", 2), Request.of(two, "k"))))
        .extracting(RateLimitDecision::isAllowed)
        .containsExactly(true, false, true);
    assertThat(
            store
                .tryAcquireAllAsync(List.of(Request.of(two, "k"), Request.of(ip, "ip4:2")))
                .toCompletableFuture()
                .join())
        .extracting(RateLimitDecision::isAllowed)
        .containsExactly(false, true);
  }

  @Test
  void badArgumentsAreRejectedBeforeAnythingIsSent() {
    RedisRateLimitStore store = serverTimeStore();
    RatePolicy p = RatePolicy.of("bad", RateLimit.of(3, Duration.ofMinutes(1)));
    assertThatThrownBy(() -> new Request(p, "k", 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("permits must be between 1 and 3, got 4");
    assertThatThrownBy(() -> new Request(p, "", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.tryAcquireAll(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("number of requests");
    List<Request> tooMany = new ArrayList<>();
    for (int i = 0; i <= RedisRateLimitStore.MAX_BATCH; i++) {
      tooMany.add(Request.of(p, "k" + i));
    }
    assertThatThrownBy(() -> store.tryAcquireAll(tooMany))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.apply(p, "k", StoreOperation.ACQUIRE, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.apply(p, "k", StoreOperation.REFUND, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.apply(p, null, StoreOperation.ACQUIRE, 1))
        .isInstanceOf(NullPointerException.class);
    assertThat(keys()).isEmpty();
    assertThat(new Request(p, "+15550100001", 1).toString()).doesNotContain("5550100001");
    RedisRateLimitStore farFuture =
        RedisRateLimitStore.builder(backend()).callerTicker(() -> Long.MAX_VALUE).build();
    assertThatThrownBy(() -> farFuture.tryAcquire(p, "k"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(keys()).isEmpty();
  }

  @Test
  void aPausedServerIsAStoreExceptionWithinTheTimeoutAndNamesNoKey() {
    RedisBackend quick =
        RedisBackend.builder()
            .standalone(REDIS.server().uri())
            .commandTimeout(Duration.ofMillis(150))
            .build();
    backends.add(quick);
    RedisRateLimitStore store = RedisRateLimitStore.create(quick);
    RatePolicy p = RatePolicy.of("down", RateLimit.perMinute(5));
    assertThat(store.tryAcquire(p, "tel:+15550100001")).isTrue();
    REDIS.server().pause();
    try {
      long start = System.nanoTime();
      assertThatThrownBy(() -> store.tryAcquire(p, "tel:+15550100001"))
          .isInstanceOf(RateLimitStoreException.class)
          .hasMessage("Redis rate-limit store unavailable")
          .satisfies(e -> assertThat(e.getCause().getMessage()).doesNotContain("5550100001"));
      CompletionStage<RateLimitDecision> async =
          store.applyAsync(p, "tel:+15550100001", StoreOperation.ACQUIRE, 1);
      // The async form returned at once; it fails within the timeout.
      assertThatThrownBy(() -> async.toCompletableFuture().join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(RateLimitStoreException.class);
      assertThatThrownBy(() -> store.tryAcquireAll(List.of(Request.of(p, "a"), Request.of(p, "b"))))
          .isInstanceOf(RateLimitStoreException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    } finally {
      REDIS.server().resume();
    }
  }

  @Test
  void toStringNamesTheTimeSourceOnly() {
    assertThat(serverTimeStore()).hasToString("RedisRateLimitStore[server time]");
    assertThat(newStore(() -> 0L)).hasToString("RedisRateLimitStore[caller time]");
  }

  @SuppressWarnings("unchecked")
  private static List<String> keys() {
    return ((List<Object>) REDIS.server().command("KEYS", "*"))
        .stream().map(Object::toString).sorted().toList();
  }

  @SuppressWarnings("unchecked")
  private static long serverMicros() {
    List<Object> time = (List<Object>) REDIS.server().command("TIME");
    return Long.parseLong(time.get(0).toString()) * 1_000_000
        + Long.parseLong(time.get(1).toString());
  }
}
