package dev.bulwark.examples.attack;

import dev.bulwark.verification.OtpSecret;
import dev.bulwark.verification.Totp;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * A phishing relay captures a TOTP code the user has just used and replays it within its 30-second
 * step, four times, from fresh addresses; then it guesses codes for one simulated minute.
 *
 * <p>Decisive figure: replays accepted (the replay store allows each code once) and guesses checked
 * in the minute (the {@code totp} limit: 5 in a burst, one more every 6 s).
 */
final class TotpReplay implements Threat {
  private static final int REPLAYS = 4;
  private static final int GUESSES = 120;

  @Override
  public String name() {
    return "TOTP replay and guessing";
  }

  @Override
  public String mitigations() {
    return "TotpCredentials, OtpReplayStore, RateLimiter per account";
  }

  @Override
  public Result run(Simulation sim) {
    User user = User.register(sim, sim.freshNumber(), null);
    ApiClient.Response enroll =
        sim.expectOk(sim.api().call("POST", "/v1/totp/enroll", null, user.token, user.address));
    Totp authenticator = Totp.of(OtpSecret.fromBase32(enroll.text("secret")));
    sim.expectOk(
        sim.api()
            .call(
                "POST",
                "/v1/totp/confirm",
                Map.of(
                    "credentialId", enroll.text("credentialId"),
                    "code", authenticator.generate(sim.clock().instant())),
                user.token,
                user.address));

    sim.clock().advance(Duration.ofSeconds(30));
    String code = authenticator.generate(sim.clock().instant());
    boolean userIn = check(sim, user, code, user.address) == 200;

    long replaysAccepted = 0;
    for (int i = 0; i < REPLAYS; i++) {
      sim.clock().advance(Duration.ofSeconds(1));
      replaysAccepted += check(sim, user, code, sim.freshAddress()) == 200 ? 1 : 0;
    }

    sim.clock().advance(Duration.ofMinutes(5));
    long checked = 0;
    long limited = 0;
    for (int i = 0; i < GUESSES; i++) {
      int status = check(sim, user, String.format(Locale.ROOT, "%06d", i), sim.freshAddress());
      checked += status == 401 || status == 200 ? 1 : 0;
      limited += status == 429 ? 1 : 0;
      sim.clock().advance(Duration.ofMillis(500));
    }
    long bound = 5 + 60 / 6;
    String figure =
        String.format(
            Locale.ROOT,
            "%d of %d replays accepted; %d guesses checked per minute (bound %d)",
            replaysAccepted,
            REPLAYS,
            checked,
            bound);
    return new Result(
        name(),
        mitigations(),
        REPLAYS + GUESSES,
        (REPLAYS - replaysAccepted) + limited,
        replaysAccepted + checked,
        figure,
        userIn && replaysAccepted == 0 && checked <= bound);
  }

  private static int check(Simulation sim, User user, String code, String from) {
    return sim.api()
        .call("POST", "/v1/totp/check", Map.of("code", code), user.token, from)
        .status();
  }
}
