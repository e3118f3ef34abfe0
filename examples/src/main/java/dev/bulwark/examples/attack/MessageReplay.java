package dev.bulwark.examples.attack;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Alice sends Bob six messages; an attacker on the path captures the requests, withholds message 3,
 * replays message 2, injects message 3 ten minutes late, and sends message 7 stamped an hour ahead.
 *
 * <p>Decisive figure: attacker deliveries that reached Bob's queue, and whether Bob received
 * exactly Alice's messages, once each, in order.
 */
final class MessageReplay implements Threat {
  @Override
  public String name() {
    return "Message replay and reordering";
  }

  @Override
  public String mitigations() {
    return "MessageGuard (replay window, timestamps, order), ServerClock";
  }

  @Override
  public Result run(Simulation sim) {
    User alice = User.register(sim, sim.freshNumber(), null);
    User bob = User.register(sim, sim.freshNumber(), null);
    List<Map<String, Object>> captured = new ArrayList<>();
    for (int seq = 1; seq <= 5; seq++) {
      captured.add(alice.message(sim, "message " + seq));
      sim.clock().advance(Duration.ofSeconds(1));
    }
    List<String> expected = new ArrayList<>();
    for (int i : new int[] {0, 1, 3, 4}) {
      send(sim, alice, bob, captured.get(i));
      expected.add("message " + (i + 1));
    }
    long attacks = 0;
    long delivered = 0;
    attacks++;
    delivered += send(sim, alice, bob, captured.get(1)) ? 1 : 0; // replay of message 2

    sim.clock().advance(Duration.ofMinutes(10));
    send(sim, alice, bob, alice.message(sim, "message 6"));
    expected.add("message 6");
    attacks++;
    delivered += send(sim, alice, bob, captured.get(2)) ? 1 : 0; // withheld message 3, late
    attacks++;
    long anHourAhead = sim.clock().millis() + Duration.ofHours(1).toMillis();
    delivered += send(sim, alice, bob, alice.message(sim, "message 7", anHourAhead)) ? 1 : 0;

    List<String> received = new ArrayList<>();
    JsonNode queue =
        sim.expectOk(
                sim.api().call("GET", "/v1/messages/" + bob.account, null, bob.token, bob.address))
            .json()
            .path("messages");
    for (JsonNode m : queue) {
      received.add(
          new String(Base64.getDecoder().decode(m.path("body").asText()), StandardCharsets.UTF_8));
    }
    boolean intact = received.equals(expected);
    String figure =
        String.format(
            Locale.ROOT,
            "%d of %d replayed, late or future-stamped messages delivered; Bob got %d of %d, in"
                + " order: %s",
            delivered,
            attacks,
            received.size(),
            expected.size(),
            intact ? "yes" : "NO");
    return new Result(
        name(),
        mitigations(),
        attacks,
        attacks - delivered,
        delivered,
        figure,
        delivered == 0 && intact);
  }

  private static boolean send(Simulation sim, User from, User to, Map<String, Object> message) {
    return sim.api()
        .call("PUT", "/v1/messages/" + to.account, message, from.token, from.address)
        .ok();
  }
}
