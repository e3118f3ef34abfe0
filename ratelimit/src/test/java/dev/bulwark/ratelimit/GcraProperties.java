package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.bulwark.ratelimit.memory.MemoryRateLimitStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The rate limiter's guarantees, stated as properties over random limits and random request
 * sequences. Each test name is the guarantee; a reviewer can read this class as the specification.
 *
 * <p>Limits are small (capacity 1 to 10, interval 1 to 1,000 ns) and time steps are comparable to
 * them, so refill, bursts and denials all occur within a few hundred requests.
 */
class GcraProperties {
  private static final int EXAMPLES = 400;
  // Shrinking long request lists is slow; a bounded search still yields a short counterexample.
  private static final int SHRINK_CYCLES = 200;
  private static final RateLimitKey KEY = RateLimitKey.of("test", "key");

  /** One request: wait {@code delayNanos}, then do {@code op} with {@code permits}. */
  record Step(long delayNanos, int permits, int op) {}

  private static Gen<RateLimit> limits() {
    return integers()
        .between(1, 10)
        .zip(longs().between(1, 1_000), (c, t) -> RateLimit.of(c, Duration.ofNanos(t)));
  }

  private static Gen<List<RateLimit>> policies() {
    return lists().of(limits()).ofSizeBetween(1, 3);
  }

  private static Gen<List<Step>> steps() {
    Gen<Step> step =
        longs()
            .between(0, 3_000)
            .zip(integers().between(1, 10), integers().between(0, 9), Step::new);
    return lists().of(step).ofSizeBetween(1, 200);
  }

  /** Checks {@code property} for random policies of 1 to 3 limits and random request sequences. */
  private static void forAllHistories(BiConsumer<List<RateLimit>, List<Step>> property) {
    qt().withExamples(EXAMPLES)
        .withShrinkCycles(SHRINK_CYCLES)
        .forAll(policies(), steps())
        .checkAssert(property);
  }

  private static RateLimiter limiter(List<RateLimit> limits, ManualTicker ticker) {
    RatePolicy policy = RatePolicy.builder("p").limits(limits).build();
    return RateLimiter.of(
        policy, MemoryRateLimitStore.builder().ticker(ticker).executor(Runnable::run).build());
  }

  private static int permits(List<RateLimit> limits, Step s) {
    int min = limits.stream().mapToInt(RateLimit::capacity).min().orElseThrow();
    return Math.min(s.permits(), min);
  }

  /**
   * In any window of length T, a key admits at most {@code capacity + floor(T / interval)} permits
   * for each of its limits.
   */
  @Test
  void noWindowOfLengthTEverAdmitsMoreThanTheBurstPlusTOverTheInterval() {
    forAllHistories(
        (limits, steps) -> {
          ManualTicker ticker = new ManualTicker();
          RateLimiter limiter = limiter(limits, ticker);
          List<long[]> admitted = new ArrayList<>(); // {time, permits}
          for (Step s : steps) {
            ticker.advanceNanos(s.delayNanos());
            int n = permits(limits, s);
            if (limiter.tryAcquire(KEY, n).isAllowed()) {
              admitted.add(new long[] {ticker.read(), n});
            }
          }
          for (RateLimit limit : limits) {
            for (int a = 0; a < admitted.size(); a++) {
              long sum = 0;
              for (int b = a; b < admitted.size(); b++) {
                sum += admitted.get(b)[1];
                long window = admitted.get(b)[0] - admitted.get(a)[0];
                assertThat(sum)
                    .isLessThanOrEqualTo(limit.capacity() + window / limit.refillIntervalNanos());
              }
            }
          }
        });
  }

  /**
   * The limiter decides exactly as an exact token bucket would (refilled continuously, one permit
   * per interval, capped at the capacity), for every limit at once: a request passes iff every
   * bucket holds its permits, and then it is taken from all of them. This is "exact" (no lost
   * fractions) and "all-or-nothing" at once.
   */
  @Test
  void decisionsEqualThoseOfAnExactTokenBucketForEveryLimitAtOnce() {
    forAllHistories(
        (limits, steps) -> {
          ManualTicker ticker = new ManualTicker();
          RateLimiter limiter = limiter(limits, ticker);
          TokenBucketModel model = new TokenBucketModel(limits, ticker.read());
          for (Step s : steps) {
            ticker.advanceNanos(s.delayNanos());
            int n = permits(limits, s);
            boolean expected = model.tryTake(n, ticker.read());
            RateLimitDecision d = limiter.tryAcquire(KEY, n);
            assertThat(d.isAllowed()).isEqualTo(expected);
            assertThat(d.remaining()).isEqualTo(model.whole());
          }
        });
  }

  /** A denied request changes nothing: no limit of a multi-limit policy loses a permit. */
  @Test
  void aDeniedRequestTakesFromNoLimit() {
    forAllHistories(
        (limits, steps) -> {
          ManualTicker ticker = new ManualTicker();
          RateLimiter limiter = limiter(limits, ticker);
          for (Step s : steps) {
            ticker.advanceNanos(s.delayNanos());
            RateLimitDecision before = limiter.check(KEY, 1);
            RateLimitDecision d = limiter.tryAcquire(KEY, permits(limits, s));
            if (!d.isAllowed()) {
              assertThat(limiter.check(KEY, 1)).isEqualTo(before);
            }
          }
        });
  }

  /** After any history, a key left idle for its longest burst window is full again. */
  @Test
  void aKeyIdleForItsBurstWindowIsFullAgain() {
    forAllHistories(
        (limits, steps) -> {
          ManualTicker ticker = new ManualTicker();
          RateLimiter limiter = limiter(limits, ticker);
          for (Step s : steps) {
            ticker.advanceNanos(s.delayNanos());
            RateLimitDecision ignored = limiter.tryAcquire(KEY, permits(limits, s));
          }
          ticker.advanceNanos(limiter.policy().maxBurstWindowNanos());
          int full = limiter.policy().minCapacity();
          assertThat(limiter.check(KEY, full).isAllowed()).isTrue();
          assertThat(limiter.tryAcquire(KEY, full).isAllowed()).isTrue();
        });
  }

  /**
   * Refunds never make a key fuller than full: whatever mix of acquires and refunds came before, at
   * one instant a key admits at most its capacity.
   */
  @Test
  void refundsNeverLetAKeyHoldMoreThanItsBurst() {
    forAllHistories(
        (limits, steps) -> {
          ManualTicker ticker = new ManualTicker();
          RateLimiter limiter = limiter(limits, ticker);
          for (Step s : steps) {
            ticker.advanceNanos(s.delayNanos());
            RateLimitDecision d =
                s.op() < 4
                    ? limiter.refund(KEY, s.permits())
                    : limiter.tryAcquire(KEY, permits(limits, s));
            assertThat(d.remaining()).isLessThanOrEqualTo(limiter.policy().minCapacity());
          }
          int admitted = 0;
          while (limiter.tryAcquire(KEY)) {
            admitted++;
          }
          assertThat(admitted).isLessThanOrEqualTo(limiter.policy().minCapacity());
        });
  }

  /**
   * The same sequence of requests gets the same decisions whatever the ticker's absolute value,
   * including values about to wrap past {@code Long.MAX_VALUE}.
   */
  @Test
  void decisionsDoNotDependOnTheClocksAbsoluteValue() {
    qt().withExamples(EXAMPLES)
        .withShrinkCycles(SHRINK_CYCLES)
        .forAll(policies(), steps(), longs().all())
        .checkAssert(
            (limits, steps, origin) -> {
              assertThat(run(limits, steps, new ManualTicker(origin)))
                  .isEqualTo(run(limits, steps, new ManualTicker(0)));
              assertThat(run(limits, steps, new ManualTicker(Long.MAX_VALUE - 1_000)))
                  .isEqualTo(run(limits, steps, new ManualTicker(0)));
            });
  }

  private static List<RateLimitDecision> run(
      List<RateLimit> limits, List<Step> steps, ManualTicker ticker) {
    RateLimiter limiter = limiter(limits, ticker);
    List<RateLimitDecision> decisions = new ArrayList<>();
    for (Step s : steps) {
      ticker.advanceNanos(s.delayNanos());
      int n = permits(limits, s);
      decisions.add(
          s.op() == 0
              ? limiter.refund(KEY, n)
              : s.op() == 1 ? limiter.check(KEY, n) : limiter.tryAcquire(KEY, n));
    }
    return decisions;
  }

  /**
   * An exact token bucket per limit, in units of 1/interval of a permit so that one nanosecond
   * refills exactly one unit: an independent model to check the GCRA implementation against.
   */
  private static final class TokenBucketModel {
    private final long[] interval;
    private final long[] full;
    private final long[] units;
    private long last;

    TokenBucketModel(List<RateLimit> limits, long now) {
      int n = limits.size();
      interval = new long[n];
      full = new long[n];
      units = new long[n];
      for (int i = 0; i < n; i++) {
        interval[i] = limits.get(i).refillIntervalNanos();
        full[i] = limits.get(i).capacity() * interval[i];
        units[i] = full[i];
      }
      last = now;
    }

    boolean tryTake(int permits, long now) {
      boolean all = true;
      for (int i = 0; i < units.length; i++) {
        units[i] = Math.min(full[i], units[i] + (now - last));
        all &= units[i] >= permits * interval[i];
      }
      last = now;
      if (all) {
        for (int i = 0; i < units.length; i++) {
          units[i] -= permits * interval[i];
        }
      }
      return all;
    }

    /** Whole permits available now in the emptiest bucket. */
    long whole() {
      long min = Long.MAX_VALUE;
      for (int i = 0; i < units.length; i++) {
        min = Math.min(min, units[i] / interval[i]);
      }
      return min;
    }
  }
}
