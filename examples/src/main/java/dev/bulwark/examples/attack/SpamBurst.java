package dev.bulwark.examples.attack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A freshly registered spammer sends 300 messages within one simulated second, 30 to each of 10
 * recipients.
 *
 * <p>Decisive figure: messages delivered in that second, against the per-account limit ({@code
 * sender}: 100 in a burst, 20 per second) that caps them (the per-pair limit, {@code messages}: 60
 * in a burst per recipient, would stop a burst to one recipient).
 */
final class SpamBurst implements Threat {
  private static final int RECIPIENTS = 10;
  private static final int PER_RECIPIENT = 30;
  private static final long BOUND = 100;

  @Override
  public String name() {
    return "Spam burst";
  }

  @Override
  public String mitigations() {
    return "RateLimiter per account and per (sender, recipient)";
  }

  @Override
  public Result run(Simulation sim) {
    User spammer = User.register(sim, sim.freshNumber(), null);
    List<User> victims = new ArrayList<>();
    for (int i = 0; i < RECIPIENTS; i++) {
      victims.add(User.register(sim, sim.freshNumber(), null));
    }
    sim.clock().advance(Duration.ofSeconds(10));
    long delivered = 0;
    for (int i = 0; i < PER_RECIPIENT; i++) {
      for (User victim : victims) {
        ApiClient.Response r =
            sim.api()
                .call(
                    "PUT",
                    "/v1/messages/" + victim.account,
                    spammer.message(sim, "buy now"),
                    spammer.token,
                    spammer.address);
        delivered += r.ok() ? 1 : 0;
      }
    }
    long attempts = (long) RECIPIENTS * PER_RECIPIENT;
    String figure =
        String.format(
            Locale.ROOT,
            "%d messages delivered in 1 simulated second (bound %d)",
            delivered,
            BOUND);
    return new Result(
        name(),
        mitigations(),
        attempts,
        attempts - delivered,
        delivered,
        figure,
        delivered <= BOUND);
  }
}
