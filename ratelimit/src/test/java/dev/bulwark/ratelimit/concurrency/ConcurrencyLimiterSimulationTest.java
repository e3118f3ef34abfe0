package dev.bulwark.ratelimit.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A deterministic simulation of a service behind a {@link ConcurrencyLimiter}, on a manual ticker.
 *
 * <p>The service serves {@value #CAPACITY} requests at a time in {@value #BASE_MILLIS} ms; beyond
 * that it shares itself out, so a request admitted while {@code n > CAPACITY} are in flight takes
 * {@code BASE * n / CAPACITY} (the latency curve of a processor-sharing server). Its throughput is
 * therefore capped at 5,000 requests per second whatever is admitted, and by Little's law every
 * request admitted beyond its capacity only adds latency. Clients offer a steady stream of
 * arrivals; the limiter admits or refuses each at once. Over the last half of each run the test
 * measures the limit, the share shed, the throughput and the mean latency.
 */
class ConcurrencyLimiterSimulationTest {
  static final int CAPACITY = 50;
  static final int BASE_MILLIS = 10;
  private static final long BASE = Duration.ofMillis(BASE_MILLIS).toNanos();
  private static final long RUN = Duration.ofSeconds(20).toNanos();

  /** What happened in the second half of a run. */
  record Outcome(
      double shedShare,
      double throughputPerSecond,
      double meanLatencyMillis,
      int minLimit,
      int maxLimit) {}

  private record Completion(long at, Permit permit) {}

  static Outcome simulate(LimitAlgorithm algorithm, int offeredPerSecond) {
    AtomicLong now = new AtomicLong();
    ConcurrencyLimiter limiter = ConcurrencyLimiter.builder(algorithm).ticker(now::get).build();
    PriorityQueue<Completion> running = new PriorityQueue<>((a, b) -> Long.compare(a.at(), b.at()));
    long interArrival = Duration.ofSeconds(1).toNanos() / offeredPerSecond;
    long measureFrom = RUN / 2;
    long offered = 0;
    long shed = 0;
    long completed = 0;
    long latencySum = 0;
    int minLimit = Integer.MAX_VALUE;
    int maxLimit = 0;
    for (long arrival = 0; arrival < RUN; arrival += interArrival) {
      while (!running.isEmpty() && running.peek().at() <= arrival) {
        Completion done = running.poll();
        now.set(done.at());
        assertThat(done.permit().onSuccess()).isTrue();
      }
      now.set(arrival);
      boolean measured = arrival >= measureFrom;
      Optional<Permit> permit = limiter.tryAcquire();
      if (permit.isPresent()) {
        long latency = BASE * Math.max(CAPACITY, limiter.inflight()) / CAPACITY;
        running.add(new Completion(arrival + latency, permit.get()));
        if (measured) {
          completed++;
          latencySum += latency;
        }
      } else if (measured) {
        shed++;
      }
      if (measured) {
        offered++;
        minLimit = Math.min(minLimit, limiter.limit());
        maxLimit = Math.max(maxLimit, limiter.limit());
      }
    }
    double seconds = (RUN - measureFrom) / 1e9;
    return new Outcome(
        shed / (double) offered,
        completed / seconds,
        completed == 0 ? 0 : latencySum / (double) completed / 1e6,
        minLimit,
        maxLimit);
  }

  private static void print(String name, int offered, Outcome o) {
    System.out.printf(
        Locale.ROOT,
        "concurrency simulation %-9s offered %,6d/s (capacity 5,000/s): limit %d..%d, shed %.1f%%,"
            + " throughput %,.0f/s, mean latency %.1f ms%n",
        name,
        offered,
        o.minLimit(),
        o.maxLimit(),
        100 * o.shedShare(),
        o.throughputPerSecond(),
        o.meanLatencyMillis());
  }

  @Test
  void withoutAnAdaptiveLimitTwiceTheCapacityMakesLatencyExplode() {
    LimitAlgorithm unlimited = AimdLimit.builder().limits(1_000_000, 1_000_000, 1_000_000).build();
    Outcome o = simulate(unlimited, 10_000);
    print("unlimited", 10_000, o);
    assertThat(o.shedShare()).isZero();
    assertThat(o.meanLatencyMillis()).isGreaterThan(50 * BASE_MILLIS);
  }

  @Test
  void theGradientLimitConvergesNearCapacityAndShedsTheExcessAtOnce() {
    Outcome o = simulate(GradientLimit.builder().build(), 10_000);
    print("gradient", 10_000, o);
    assertConvergedAndShedding(o);
    // The gradient limit backs off on latency alone, before anything times out.
    assertThat(o.meanLatencyMillis()).isLessThan(2.0 * BASE_MILLIS);
  }

  @Test
  void theAimdLimitConvergesNearCapacityAndShedsTheExcessAtOnce() {
    Outcome o =
        simulate(AimdLimit.builder().timeout(Duration.ofMillis(2 * BASE_MILLIS)).build(), 10_000);
    print("aimd", 10_000, o);
    assertConvergedAndShedding(o);
    assertThat(o.meanLatencyMillis()).isLessThan(2.5 * BASE_MILLIS);
  }

  @Test
  void underCapacityNothingIsShedOnceTheLimitHasGrown() {
    for (LimitAlgorithm algorithm :
        new LimitAlgorithm[] {
          GradientLimit.builder().build(),
          AimdLimit.builder().timeout(Duration.ofMillis(2 * BASE_MILLIS)).build()
        }) {
      Outcome o = simulate(algorithm, 2_500);
      print(algorithm.getClass().getSimpleName(), 2_500, o);
      assertThat(o.shedShare()).isLessThan(0.001);
      assertThat(o.throughputPerSecond()).isCloseTo(2_500, offset(10.0));
      assertThat(o.meanLatencyMillis()).isLessThan(1.1 * BASE_MILLIS);
    }
  }

  private static void assertConvergedAndShedding(Outcome o) {
    // Half the offered load is beyond capacity and is refused; the service stays nearly busy.
    assertThat(o.shedShare()).isBetween(0.4, 0.6);
    assertThat(o.throughputPerSecond()).isGreaterThan(0.8 * 5_000);
    // The limit settles in a band around the capacity and stays there (the gradient limit's
    // no-load probe halves it briefly).
    assertThat(o.maxLimit()).isLessThanOrEqualTo(CAPACITY * 5 / 2);
    assertThat(o.minLimit()).isGreaterThanOrEqualTo(CAPACITY / 2);
  }
}
