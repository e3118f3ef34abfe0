package dev.bulwark.examples.attack;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A flood of verification-session requests (each one an SMS the server pays for), from 8 concurrent
 * connections within one simulated second: 300 from one address, then 1,500 from rotating
 * addresses, each for a different number.
 *
 * <p>Decisive figure: SMS the server sent in that second (counted by the SMS gateway), against the
 * per-address limit (50 in a burst) and the server-wide limit (1,000 per second).
 */
final class RequestFlood implements Threat {
  private static final long PER_ADDRESS_BURST = 50;
  private static final long SERVER_WIDE_PER_SECOND = 1_000;

  @Override
  public String name() {
    return "Request flood (DoS, SMS pumping)";
  }

  @Override
  public String mitigations() {
    return "RateLimiter per IP, GlobalRateLimiter";
  }

  @Override
  public Result run(Simulation sim) {
    sim.clock().advance(Duration.ofMinutes(1)); // every bucket full again
    long smsBefore = sim.server().sms().sent();
    String single = sim.freshAddress();
    long fromOne = flood(sim, 300, i -> single);
    long fromMany = flood(sim, 1_500, i -> sim.freshAddress());
    long sms = sim.server().sms().sent() - smsBefore;
    long admitted = fromOne + fromMany;
    String figure =
        String.format(
            Locale.ROOT,
            "%,d SMS sent in 1 simulated second (one address: %d, bound %d; all: bound %,d)",
            sms,
            fromOne,
            PER_ADDRESS_BURST,
            SERVER_WIDE_PER_SECOND);
    return new Result(
        name(),
        mitigations(),
        1_800,
        1_800 - admitted,
        admitted,
        figure,
        sms == admitted && fromOne <= PER_ADDRESS_BURST && admitted <= SERVER_WIDE_PER_SECOND);
  }

  private static long flood(Simulation sim, int requests, IntFunction<String> address) {
    AtomicLong admitted = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      Future<?>[] sent = new Future<?>[requests];
      for (int i = 0; i < requests; i++) {
        String from = address.apply(i);
        String number = sim.freshNumber();
        sent[i] =
            pool.submit(
                () -> {
                  if (sim.api()
                      .call(
                          "POST", "/v1/verification/sessions", Map.of("number", number), null, from)
                      .ok()) {
                    admitted.incrementAndGet();
                  }
                });
      }
      for (Future<?> f : sent) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("flood failed", e);
    } finally {
      pool.shutdownNow();
    }
    return admitted.get();
  }
}
