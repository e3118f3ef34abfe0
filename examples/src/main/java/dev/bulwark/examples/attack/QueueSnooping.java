package dev.bulwark.examples.attack;

import java.util.Locale;

/**
 * Mallory, a registered user who has sent Alice a message (so she knows its record ID), tries to
 * read Alice's queue, to acknowledge (delete) her message, and to read it with no token at all.
 *
 * <p>Decisive figure: records Mallory read or deleted, and whether Alice still has her message.
 */
final class QueueSnooping implements Threat {
  @Override
  public String name() {
    return "Reading another user's queue";
  }

  @Override
  public String mitigations() {
    return "EphemeralStore AccessPolicy, OpaqueErrors";
  }

  @Override
  public Result run(Simulation sim) {
    User alice = User.register(sim, sim.freshNumber(), null);
    User mallory = User.register(sim, sim.freshNumber(), null);
    String queue = "/v1/messages/" + alice.account;
    String id =
        sim.expectOk(
                sim.api()
                    .call("PUT", queue, mallory.message(sim, "hi"), mallory.token, mallory.address))
            .text("id");

    ApiClient.Response read = sim.api().call("GET", queue, null, mallory.token, mallory.address);
    ApiClient.Response delete =
        sim.api().call("DELETE", queue + "/" + id, null, mallory.token, mallory.address);
    ApiClient.Response anonymous = sim.api().call("GET", queue, null, null, sim.freshAddress());
    long got = (read.ok() ? 1 : 0) + (delete.ok() ? 1 : 0) + (anonymous.ok() ? 1 : 0);
    int left =
        sim.expectOk(sim.api().call("GET", queue, null, alice.token, alice.address))
            .json()
            .path("messages")
            .size();
    String figure =
        String.format(
            Locale.ROOT,
            "%d of 3 reads or deletes succeeded (answers %d, %d, %d); Alice's queue intact: %s",
            got,
            read.status(),
            delete.status(),
            anonymous.status(),
            left == 1 ? "yes" : "NO");
    return new Result(name(), mitigations(), 3, 3 - got, got, figure, got == 0 && left == 1);
  }
}
