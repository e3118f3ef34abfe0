package dev.bulwark.examples.attack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Alice uploads five one-time prekeys (100 to 104) and revokes key 102, which she believes leaked.
 * Mallory, with Alice's stolen token, uploads key 102 again; then Bob fetches Alice's bundle six
 * times.
 *
 * <p>Decisive figure: how often the revoked key was served or re-accepted, and whether every other
 * one-time key was served exactly once.
 */
final class RevokedKey implements Threat {
  private static final int REVOKED = 102;

  @Override
  public String name() {
    return "Revoked prekey";
  }

  @Override
  public String mitigations() {
    return "KeyDirectory revocation, take-once one-time prekeys";
  }

  @Override
  public Result run(Simulation sim) {
    User alice = User.register(sim, sim.freshNumber(), null);
    User bob = User.register(sim, sim.freshNumber(), null);
    sim.expectOk(
        ForgedPreKey.upload(sim, alice, "/v1/keys/signed", ForgedPreKey.signedKey(1, alice::sign)));
    sim.expectOk(
        ForgedPreKey.upload(
            sim, alice, "/v1/keys/last-resort", ForgedPreKey.signedKey(2, alice::sign)));
    List<Map<String, Object>> batch = new ArrayList<>();
    for (int id = 100; id <= 104; id++) {
      batch.add(oneTime(id));
    }
    sim.expectOk(ForgedPreKey.upload(sim, alice, "/v1/keys/one-time", Map.of("keys", batch)));
    sim.expectOk(
        sim.api().call("DELETE", "/v1/keys/one-time/" + REVOKED, null, alice.token, alice.address));

    long reaccepted =
        ForgedPreKey.upload(
                    sim, alice, "/v1/keys/one-time", Map.of("keys", List.of(oneTime(REVOKED))))
                .ok()
            ? 1
            : 0;
    List<Integer> served = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      JsonNode bundle =
          sim.expectOk(
                  sim.api().call("GET", "/v1/keys/" + alice.account, null, bob.token, bob.address))
              .json();
      if (bundle.has("oneTimePreKey")) {
        served.add(bundle.path("oneTimePreKey").path("keyId").asInt());
      }
    }
    long revokedServed = served.stream().filter(id -> id == REVOKED).count();
    Set<Integer> distinct = new HashSet<>(served);
    boolean eachOnce = served.size() == 4 && distinct.size() == 4;
    String figure =
        String.format(
            Locale.ROOT,
            "revoked key served %d times, re-accepted %d times; one-time keys served %s, each once:"
                + " %s",
            revokedServed,
            reaccepted,
            served,
            eachOnce ? "yes" : "NO");
    long allowed = revokedServed + reaccepted;
    return new Result(
        name(), mitigations(), 7, 7 - allowed, allowed, figure, allowed == 0 && eachOnce);
  }

  private static Map<String, Object> oneTime(int id) {
    return Map.of("keyId", id, "publicKey", User.b64(ForgedPreKey.randomX25519().raw()));
  }
}
