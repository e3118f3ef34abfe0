package dev.bulwark.examples.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.examples.server.DemoClock;
import dev.bulwark.examples.server.DemoServer;
import dev.bulwark.examples.server.Settings;
import dev.bulwark.examples.server.Stores;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No refusal of the demo server repeats a phone number, a PIN or a code it was sent, in its body or
 * its headers, whatever the reason: unknown number, wrong PIN, wrong code, malformed input, rate
 * limit. And none of them is a server error: a missing field is a bad request.
 */
class ResponsesLeakNothingTest {

  @Test
  void refusalsRepeatNoNumberPinOrCode() {
    DemoClock clock = DemoClock.simulated();
    try (DemoServer server = DemoServer.start(Stores.inMemory(clock), clock, Settings.defaults())) {
      Simulation sim = new Simulation(server, clock);
      String number = sim.freshNumber();
      User.register(sim, number, "864213");
      String unknown = sim.freshNumber();
      String from = sim.freshAddress();
      String session =
          sim.api()
              .call("POST", "/v1/verification/sessions", Map.of("number", number), null, from)
              .text("sessionId");

      List<ApiClient.Response> refusals = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        refusals.add(lock(sim, number, "97531" + i, from));
        refusals.add(lock(sim, unknown, "97531" + i, from));
      }
      refusals.add(
          sim.api()
              .call(
                  "POST",
                  "/v1/verification/sessions/" + session + "/code",
                  Map.of("number", number, "code", "424242"),
                  null,
                  from));
      refusals.add(lock(sim, "+1-not-a-number-555", "97531", from));
      refusals.add(
          sim.api()
              .call(
                  "POST", "/v1/registration", Map.of("number", number), null, sim.freshAddress()));

      assertThat(refusals).allSatisfy(r -> assertThat(r.status()).isNotEqualTo(200));
      assertThat(refusals.stream().map(ResponsesLeakNothingTest::everything))
          .allSatisfy(
              text ->
                  assertThat(text)
                      .doesNotContain(number.substring(1), unknown.substring(1), "97531", "424242")
                      .doesNotContain("not-a-number", "864213"));
      assertThat(refusals.stream().map(ApiClient.Response::status))
          .contains(401, 400, 429)
          .doesNotContain(500, 503);
    }
  }

  private static ApiClient.Response lock(Simulation sim, String number, String pin, String from) {
    return sim.api()
        .call("POST", "/v1/registration/lock", Map.of("number", number, "pin", pin), null, from);
  }

  private static String everything(ApiClient.Response r) {
    return r.raw().headers().map() + new String(r.body(), StandardCharsets.UTF_8);
  }
}
