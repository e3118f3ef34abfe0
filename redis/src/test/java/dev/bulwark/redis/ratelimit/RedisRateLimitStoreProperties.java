package dev.bulwark.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.bulwark.ratelimit.RateLimit;
import dev.bulwark.ratelimit.RateLimitDecision;
import dev.bulwark.ratelimit.RatePolicy;
import dev.bulwark.ratelimit.memory.MemoryRateLimitStore;
import dev.bulwark.ratelimit.spi.StoreOperation;
import dev.bulwark.redis.RedisBackend;
import dev.bulwark.testkit.redis.RedisServerExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quicktheories.core.Gen;

/**
 * The Redis store decides exactly as the in-memory store does: for random policies (1 to 3 limits
 * with whole-microsecond intervals) and random sequences of acquires, checks, refunds and resets on
 * two keys, with time moving in whole microseconds on a shared caller clock, every decision of the
 * one equals the other's: allowed, remaining, retry-after and reset-after.
 */
class RedisRateLimitStoreProperties {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.shared();

  private static final int EXAMPLES = 60;
  private static final int SHRINK_CYCLES = 30;
  private static final String[] KEYS = {"a", "tel:+15550100001"};
  private static final StoreOperation[] OPERATIONS = StoreOperation.values();

  private static RedisBackend redis;
  private final AtomicInteger examples = new AtomicInteger();

  /** One step: wait {@code delayMicros}, then do operation {@code op} with {@code permits}. */
  record Step(long delayMicros, int permits, int op) {}

  @BeforeAll
  static void connect() {
    redis =
        RedisBackend.builder()
            .standalone(REDIS.server().uri())
            .commandTimeout(Duration.ofSeconds(2))
            .build();
  }

  @AfterAll
  static void disconnect() {
    redis.close();
  }

  private static Gen<RateLimit> limits() {
    return integers()
        .between(1, 6)
        .zip(
            longs().between(1, 2_000_000),
            (c, micros) -> RateLimit.of(c, Duration.ofNanos(micros * 1_000)));
  }

  private static Gen<List<Step>> steps() {
    Gen<Step> step =
        longs()
            .between(0, 3_000_000)
            .zip(integers().between(1, 8), integers().between(0, 15), Step::new);
    return lists().of(step).ofSizeBetween(1, 40);
  }

  @Test
  void everyDecisionEqualsTheInMemoryStoresDecision() {
    qt().withExamples(EXAMPLES)
        .withShrinkCycles(SHRINK_CYCLES)
        .forAll(lists().of(limits()).ofSizeBetween(1, 3), steps())
        .checkAssert(
            (limits, steps) -> {
              // A fresh policy name per example: a fresh key space in Redis.
              RatePolicy policy =
                  RatePolicy.builder("eq" + examples.incrementAndGet()).limits(limits).build();
              AtomicLong nanos = new AtomicLong(1_700_000_000_000_000_000L);
              MemoryRateLimitStore memory =
                  MemoryRateLimitStore.builder().ticker(nanos::get).executor(Runnable::run).build();
              RedisRateLimitStore redisStore =
                  RedisRateLimitStore.builder(redis).callerTicker(nanos::get).build();
              for (Step s : steps) {
                nanos.addAndGet(s.delayMicros() * 1_000);
                // Mostly acquires; the rest spread over check, refund and reset.
                StoreOperation op =
                    s.op() < 9 ? StoreOperation.ACQUIRE : OPERATIONS[1 + s.op() % 3];
                int permits =
                    op == StoreOperation.REFUND
                        ? s.permits()
                        : Math.min(s.permits(), policy.minCapacity());
                String key = KEYS[s.op() % 2];
                RateLimitDecision expected = memory.apply(policy, key, op, permits);
                RateLimitDecision actual = redisStore.apply(policy, key, op, permits);
                assertThat(actual).as("%s %d on %s", op, permits, key).isEqualTo(expected);
              }
            });
  }
}
