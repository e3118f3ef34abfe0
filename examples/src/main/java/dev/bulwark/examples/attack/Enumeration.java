package dev.bulwark.examples.attack;

import dev.bulwark.testkit.TimingLeakDetector;
import dev.bulwark.testkit.TimingReport;
import dev.bulwark.testkit.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An attacker learns who uses the service by probing the registration-lock endpoint with registered
 * and unregistered numbers: first by comparing the answers, then by timing 20,800 probes (10,000
 * measured pairs and 800 warm-up pairs, each pair in random order, from 8 concurrent connections)
 * from rotating addresses at 100 probes per simulated second.
 *
 * <p>The registered population (1,500 numbers with PINs) is seeded in-process; registration over
 * HTTP is exercised by the other scenarios. Each number is probed fewer than 10 times, so the
 * lockout guard's challenge, which treats registered and unregistered numbers alike, does not
 * start, and every probe reaches the PIN check.
 *
 * <p>Allowed counts probes whose answer told the classes apart. Decisive figure: the largest |t| of
 * the dudect-style {@link TimingLeakDetector} (Welch's and paired t-tests over percentile crops) on
 * client-side round-trip times; below 4.5 is no evidence of a difference.
 */
final class Enumeration implements Threat {
  private static final int POPULATION = 1_500;
  private static final int COMPARED_PAIRS = 20;
  private static final int THREADS = 8;
  private static final int WARMUP_PAIRS = 50;
  private static final int PAIRS = TimingLeakDetector.MIN_MEASUREMENTS_PER_CLASS;

  @Override
  public String name() {
    return "Account enumeration, responses and timing";
  }

  @Override
  public String mitigations() {
    return "OpaqueErrors (REGISTRATION surface), DummyWork, TimingEqualizer";
  }

  @Override
  public Result run(Simulation sim) {
    List<String> registered = new ArrayList<>();
    List<String> unregistered = new ArrayList<>();
    for (int i = 0; i < POPULATION; i++) {
      String number = sim.freshNumber();
      sim.server().accounts().register(number, String.format(Locale.ROOT, "%06d", i), new byte[32]);
      registered.add(number);
      unregistered.add(sim.freshNumber());
    }

    int distinguishable = 0;
    for (int i = 0; i < COMPARED_PAIRS; i++) {
      if (!sameAnswer(probe(sim, registered.get(i)), probe(sim, unregistered.get(i)))) {
        distinguishable++;
      }
    }

    TimingReport timing = measure(sim, cycle(registered), cycle(unregistered));
    long probes = 2L * COMPARED_PAIRS + 2L * THREADS * (WARMUP_PAIRS + PAIRS / THREADS);
    String figure =
        String.format(
            Locale.ROOT,
            "max |t| = %.2f (%s); %d of %d answer pairs differ; medians %d vs %d us",
            timing.maxAbsT(),
            timing.verdict() == Verdict.NO_EVIDENCE_OF_LEAK ? "< 4.5, no evidence" : "LEAK",
            distinguishable,
            COMPARED_PAIRS,
            timing.medianA() / 1_000,
            timing.medianB() / 1_000);
    boolean held = distinguishable == 0 && timing.verdict() == Verdict.NO_EVIDENCE_OF_LEAK;
    long telling = 2L * distinguishable;
    return new Result(name(), mitigations(), probes, probes - telling, telling, figure, held);
  }

  /**
   * Times probe pairs from {@value #THREADS} client threads, dudect style: each pair is one
   * registered and one unregistered number in random order, timed at the client; the first {@value
   * #WARMUP_PAIRS} pairs of each thread are thrown away. The testkit's detector analyses the pairs.
   */
  private static TimingReport measure(
      Simulation sim, Supplier<String> registered, Supplier<String> unregistered) {
    long[] a = new long[PAIRS];
    long[] b = new long[PAIRS];
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        long seed = t;
        done.add(
            pool.submit(
                () -> {
                  SplittableRandom order = new SplittableRandom(seed);
                  for (int p = 0; p < WARMUP_PAIRS + PAIRS / THREADS; p++) {
                    String known = registered.get();
                    String unknown = unregistered.get();
                    boolean knownFirst = order.nextBoolean();
                    long first = time(sim, knownFirst ? known : unknown);
                    long second = time(sim, knownFirst ? unknown : known);
                    if (p >= WARMUP_PAIRS) {
                      int i = next.getAndIncrement();
                      a[i] = knownFirst ? first : second;
                      b[i] = knownFirst ? second : first;
                    }
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("timing probe failed", e);
    } finally {
      pool.shutdownNow();
    }
    return TimingLeakDetector.builder().build().analyse("registered", "unregistered", a, b);
  }

  private static long time(Simulation sim, String number) {
    sim.clock().advance(Duration.ofMillis(10));
    long start = System.nanoTime();
    probe(sim, number);
    return System.nanoTime() - start;
  }

  private static ApiClient.Response probe(Simulation sim, String number) {
    return sim.api()
        .call(
            "POST",
            "/v1/registration/lock",
            Map.of("number", number, "pin", "000000"),
            null,
            sim.freshAddress());
  }

  /** Whether two answers are the same apart from the correlation ID and the date. */
  private static boolean sameAnswer(ApiClient.Response a, ApiClient.Response b) {
    return a.status() == b.status()
        && Arrays.equals(a.body(), b.body())
        && headers(a).equals(headers(b));
  }

  private static Map<String, List<String>> headers(ApiClient.Response r) {
    Map<String, List<String>> h = new TreeMap<>(r.raw().headers().map());
    h.remove("x-correlation-id");
    h.remove("date");
    return h;
  }

  private static Supplier<String> cycle(List<String> numbers) {
    AtomicInteger next = new AtomicInteger();
    return () -> numbers.get(next.getAndIncrement() % numbers.size());
  }
}
