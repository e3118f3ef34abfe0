package dev.bulwark.examples.attack;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * An attacker who wants the victim's number registered to his device guesses SMS codes for one
 * simulated hour: every 10 seconds, from a fresh address, he opens a verification session for the
 * number and, when he gets one, makes the 3 guesses a code allows.
 *
 * <p>Decisive figure: code guesses that reached a live code in the hour, against the bound the
 * limits give (sessions per number: 6 in a burst and one per 30 s, so 126 an hour; 3 guesses each,
 * so 378), and the chance of success they buy at 6 digits.
 */
final class CodeBruteForce implements Threat {
  private static final long BOUND = (6 + 3600 / 30) * 3;

  @Override
  public String name() {
    return "SMS code brute force";
  }

  @Override
  public String mitigations() {
    return "OneTimeCodes (3 attempts, burn), RateLimiter per number and per session";
  }

  @Override
  public Result run(Simulation sim) {
    String victim = sim.freshNumber();
    long attempts = 0;
    long blocked = 0;
    long guesses = 0;
    long verified = 0;
    int nextGuess = 0;
    for (int tick = 0; tick < 360; tick++) {
      String from = sim.freshAddress();
      attempts++;
      ApiClient.Response session =
          sim.api().call("POST", "/v1/verification/sessions", Map.of("number", victim), null, from);
      if (session.ok()) {
        for (int g = 0; g < 3; g++, attempts++) {
          String code = String.format(Locale.ROOT, "%06d", nextGuess++);
          ApiClient.Response r =
              sim.api()
                  .call(
                      "POST",
                      "/v1/verification/sessions/" + session.text("sessionId") + "/code",
                      Map.of("number", victim, "code", code),
                      null,
                      from);
          guesses++;
          verified += r.ok() ? 1 : 0;
        }
      } else {
        blocked++;
      }
      sim.clock().advance(Duration.ofSeconds(10));
    }
    String figure =
        String.format(
            Locale.ROOT,
            "%d code guesses per hour (bound %d): a %.3f %% chance per hour at 6 digits",
            guesses,
            BOUND,
            guesses * 100.0 / 1_000_000);
    return new Result(name(), mitigations(), attempts, blocked, guesses, figure, guesses <= BOUND);
  }
}
