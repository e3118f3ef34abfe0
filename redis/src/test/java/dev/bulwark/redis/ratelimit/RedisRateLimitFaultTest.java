package dev.bulwark.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ratelimit.FailureMode;
import dev.bulwark.ratelimit.RateLimit;
import dev.bulwark.ratelimit.RateLimitDecision;
import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.RateLimiter;
import dev.bulwark.ratelimit.RatePolicy;
import dev.bulwark.redis.RedisBackend;
import dev.bulwark.testkit.redis.RedisServer;
import dev.bulwark.testkit.redis.RedisServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis store and the limiter's failure modes while the server is killed (SIGKILL) or frozen
 * (SIGSTOP) in the middle of a load, and after it is back: each failure mode does what it promises,
 * no exception reaches the caller, state written before a kill survives it (append-only file with
 * fsync on every write), and decisions are right again within about a second without restarting
 * anything on the client side.
 *
 * <p>The load is a few threads deciding on loopback until told to stop; every test stops itself
 * within a few seconds.
 */
class RedisRateLimitFaultTest {
  @RegisterExtension
  static final RedisServerExtension REDIS =
      RedisServerExtension.dedicated(RedisServer.Options.persistent());

  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private static final Duration RECOVERY = Duration.ofMillis(1_500);
  private static final int THREADS = 4;

  private final RateLimitKey subject = RateLimitKey.phone("+15550100001");
  private RedisBackend redis;
  private RedisRateLimitStore store;

  @BeforeEach
  void connect() {
    redis = RedisBackend.builder().standalone(REDIS.server().uri()).commandTimeout(TIMEOUT).build();
    store = RedisRateLimitStore.create(redis);
  }

  @AfterEach
  void disconnect() {
    redis.close();
  }

  private RateLimiter limiter(int capacity, FailureMode mode, double share) {
    return RateLimiter.of(
        RatePolicy.builder("fault-" + mode.name().toLowerCase(java.util.Locale.ROOT))
            .limit(RateLimit.of(capacity, Duration.ofHours(1)))
            .failureMode(mode)
            .localFallbackShare(share)
            .build(),
        store);
  }

  /**
   * A limit of 20 that refills one permit every 50 ms: over a load of {@code T}, at most {@code 20
   * + T / 50 ms} requests may be admitted, however the outage falls; none while Redis is down.
   */
  @Test
  void failClosedNeverAdmitsMoreThanTheLimitThroughAKillAndRestart() throws Exception {
    RateLimiter limiter =
        RateLimiter.of(
            RatePolicy.builder("fault-closed")
                .limit(RateLimit.of(20, Duration.ofMillis(50)))
                .failureMode(FailureMode.FAIL_CLOSED)
                .build(),
            store);
    long start = System.nanoTime();
    assertThat(takeHealthy(limiter, 5)).isEqualTo(5);
    Load load = Load.start(limiter, subject);
    sleep(300);
    REDIS.server().kill();
    sleep(500);
    REDIS.server().restart();
    long recoveredAfter = awaitHealthy(limiter);
    int allowedAtRecovery = load.allowed.get();
    sleep(500);
    load.stop();
    long elapsedMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();

    assertThat(load.errors).isEmpty();
    assertThat(load.degradedAllowed.get()).isZero();
    assertThat(load.degradedDenied.get()).isPositive();
    assertThat(5 + load.allowed.get()).isLessThanOrEqualTo(20 + (int) (elapsedMillis / 50) + 1);
    assertThat(recoveredAfter).isLessThan(RECOVERY.toMillis());
    // Serving again: what refilled during the outage and since, and no more (the bound above).
    assertThat(load.allowed.get() - allowedAtRecovery).isPositive();
    assertThat(limiter.check(subject).isDegraded()).isFalse();
  }

  @Test
  void failOpenKeepsServingWhileTheServerIsFrozenAndEnforcesAgainAfterwards() throws Exception {
    RateLimiter limiter = limiter(10, FailureMode.FAIL_OPEN, 1.0);
    assertThat(takeHealthy(limiter, 10)).isEqualTo(10);
    Load load = Load.start(limiter, subject);
    sleep(200);
    REDIS.server().pause();
    sleep(800);
    REDIS.server().resume();
    long recoveredAfter = awaitHealthy(limiter);
    sleep(200);
    load.stop();

    assertThat(load.errors).isEmpty();
    assertThat(load.degradedAllowed.get()).isPositive();
    assertThat(load.degradedDenied.get()).isZero();
    // The key was empty before the freeze and still is: only degraded decisions admitted.
    assertThat(load.allowed.get()).isZero();
    assertThat(recoveredAfter).isLessThan(RECOVERY.toMillis());
    assertThat(limiter.tryAcquire(subject, 1).isAllowed()).isFalse();
  }

  @Test
  void localFallbackKeepsItsShareDuringAnOutageAndTheStoreKeepsItsStateAfterIt() throws Exception {
    RateLimiter limiter = limiter(40, FailureMode.LOCAL_FALLBACK, 0.25);
    assertThat(takeHealthy(limiter, 30)).isEqualTo(30);
    REDIS.server().kill();
    Load load = Load.start(limiter, subject);
    sleep(700);
    load.stop();
    // A quarter of 40, in this process, whatever the number of threads.
    assertThat(load.errors).isEmpty();
    assertThat(load.degradedAllowed.get()).isEqualTo(10);
    assertThat(load.allowed.get()).isZero();

    REDIS.server().restart();
    assertThat(awaitHealthy(limiter)).isLessThan(RECOVERY.toMillis());
    // The 30 taken before the kill survived it; the fallback's 10 were local and are not added.
    assertThat(takeHealthy(limiter, 20)).isEqualTo(10);
  }

  @Test
  void stateWrittenBeforeAKillSurvivesIt() {
    RateLimiter limiter = limiter(5, FailureMode.FAIL_CLOSED, 1.0);
    assertThat(takeHealthy(limiter, 5)).isEqualTo(5);
    RateLimitDecision before = limiter.check(subject);
    assertThat(before.isAllowed()).isFalse();
    REDIS.server().kill();
    REDIS.server().restart();
    awaitHealthy(limiter);
    RateLimitDecision after = limiter.check(subject);
    assertThat(after.isDegraded()).isFalse();
    assertThat(after.isAllowed()).isFalse();
    assertThat(after.retryAfter())
        .isLessThanOrEqualTo(before.retryAfter())
        .isGreaterThan(before.retryAfter().minusSeconds(30));
  }

  @Test
  void theScriptIsLoadedAgainAfterARestartWithoutAnyHelp() {
    RateLimiter limiter = limiter(3, FailureMode.FAIL_CLOSED, 1.0);
    assertThat(takeHealthy(limiter, 1)).isEqualTo(1);
    REDIS.server().kill();
    REDIS.server().restart(); // forgets cached scripts: the next call gets NOSCRIPT, then EVAL
    awaitHealthy(limiter);
    assertThat(takeHealthy(limiter, 5)).isEqualTo(2);
  }

  /** Takes up to {@code n} permits one by one while the store answers; returns those granted. */
  private int takeHealthy(RateLimiter limiter, int n) {
    int granted = 0;
    for (int i = 0; i < n; i++) {
      RateLimitDecision d = limiter.tryAcquire(subject, 1);
      assertThat(d.isDegraded()).isFalse();
      if (d.isAllowed()) {
        granted++;
      }
    }
    return granted;
  }

  /**
   * Polls with checks until the store answers again; returns how long that took in milliseconds.
   */
  private long awaitHealthy(RateLimiter limiter) {
    long start = System.nanoTime();
    long deadline = start + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (!limiter.check(RateLimitKey.of("probe", "p")).isDegraded()) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
      }
      sleep(10);
    }
    throw new AssertionError("the store did not answer again within 10 s");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Threads deciding on one key, blocking and async alternately, until stopped. */
  private static final class Load {
    final AtomicInteger allowed = new AtomicInteger();
    final AtomicInteger denied = new AtomicInteger();
    final AtomicInteger degradedAllowed = new AtomicInteger();
    final AtomicInteger degradedDenied = new AtomicInteger();
    final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    static Load start(RateLimiter limiter, RateLimitKey key) {
      Load load = new Load();
      for (int t = 0; t < THREADS; t++) {
        boolean async = t % 2 == 1;
        Thread thread =
            new Thread(
                () -> {
                  while (load.running.get()) {
                    try {
                      RateLimitDecision d =
                          async
                              ? limiter.tryAcquireAsync(key, 1).toCompletableFuture().join()
                              : limiter.tryAcquire(key, 1);
                      load.count(d);
                    } catch (Throwable e) {
                      load.errors.add(e);
                    }
                  }
                },
                "fault-load-" + t);
        thread.setDaemon(true);
        load.threads.add(thread);
        thread.start();
      }
      return load;
    }

    private void count(RateLimitDecision d) {
      if (d.isDegraded()) {
        (d.isAllowed() ? degradedAllowed : degradedDenied).incrementAndGet();
      } else {
        (d.isAllowed() ? allowed : denied).incrementAndGet();
      }
    }

    void stop() throws InterruptedException {
      running.set(false);
      for (Thread t : threads) {
        t.join(10_000);
        assertThat(t.isAlive()).as("load thread stopped").isFalse();
      }
    }
  }
}
