package dev.bulwark.examples.attack;

import dev.bulwark.ratelimit.challenge.ProofOfWork;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A registration-lock PIN brute force against one number: 600 guesses spread over one simulated
 * hour from 300 rotating addresses (two each), solving every proof-of-work challenge the server
 * asks for. Then the real user, from a fresh address, must still get in.
 *
 * <p>Decisive figure: PIN guesses the server actually checked in the simulated hour (a {@code 401}
 * answer to a guess), against the lockout guard's documented bound for an attacker who solves every
 * challenge: 13 in the first hour (the subject-wide free failures, then one guess per challenge
 * pass, and passes are limited to 2 per 12 hours). And how long the real user waited.
 */
final class PinBruteForce implements Threat {
  private static final int ATTEMPTS = 600;
  private static final int ADDRESSES = ATTEMPTS / 2;
  private static final long BOUND_PER_HOUR = 13;

  @Override
  public String name() {
    return "Registration-lock PIN brute force";
  }

  @Override
  public String mitigations() {
    return "LockoutGuard, ProofOfWork, ChallengeTokens, DummyWork, TimingEqualizer";
  }

  @Override
  public Result run(Simulation sim) {
    String pin = String.valueOf(100_000 + new SecureRandom().nextInt(900_000));
    User victim = User.register(sim, sim.freshNumber(), pin);
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < ADDRESSES; i++) {
      addresses.add(sim.freshAddress());
    }
    long attempts = 0;
    long checked = 0;
    long blocked = 0;
    long cracked = 0;
    for (int i = 0; i < ATTEMPTS; i++, attempts++) {
      String from = addresses.get(i / 2);
      String guess = String.format(Locale.ROOT, "%06d", i);
      switch (tryPin(sim, victim.number, guess, from, false)) {
        case 200 -> cracked++;
        case 401 -> checked++;
        default -> blocked++;
      }
      sim.clock().advance(Duration.ofHours(1).dividedBy(ATTEMPTS));
    }

    // The real user arrives from a fresh address; if the attacker used up the number's challenge
    // passes, the server says when the next one comes, and the user waits that long.
    String home = sim.freshAddress();
    long before = sim.clock().nanos();
    boolean served = tryPin(sim, victim.number, pin, home, true) == 200;
    long waitedMinutes = Duration.ofNanos(sim.clock().nanos() - before).toMinutes();
    String figure =
        String.format(
            Locale.ROOT,
            "%d PIN guesses checked in 1 simulated hour (bound %d); real user %s after a"
                + " challenge and %d min",
            checked,
            BOUND_PER_HOUR,
            served ? "served" : "NOT served",
            waitedMinutes);
    return new Result(
        name(),
        mitigations(),
        attempts,
        blocked,
        checked + cracked,
        figure,
        cracked == 0 && checked <= BOUND_PER_HOUR && served);
  }

  /**
   * One PIN attempt as a client makes it: if the server asks for a challenge, solve it, answer, and
   * retry. If no challenge pass is available yet, the attacker moves on to his next guess; the real
   * user ({@code patient}) waits as told and tries again. Returns the final status.
   */
  private static int tryPin(
      Simulation sim, String number, String pin, String from, boolean patient) {
    Map<String, String> body = Map.of("number", number, "pin", pin);
    for (int round = 0; round < 3; round++) {
      ApiClient.Response r = sim.api().call("POST", "/v1/registration/lock", body, null, from);
      if (r.status() != 428) {
        return r.status();
      }
      String token = r.text("challenge");
      String answer = ProofOfWork.solve(token, r.json().path("difficulty").asInt());
      ApiClient.Response pass =
          sim.api()
              .call(
                  "POST",
                  "/v1/challenge",
                  Map.of("number", number, "token", token, "answer", answer),
                  null,
                  from);
      if (pass.status() == 429 && patient) {
        sim.clock().advance(Duration.ofSeconds(retryAfter(pass)));
      } else if (!pass.ok()) {
        return pass.status();
      }
    }
    return 429;
  }

  private static long retryAfter(ApiClient.Response r) {
    return r.raw().headers().firstValueAsLong("Retry-After").orElse(60);
  }
}
