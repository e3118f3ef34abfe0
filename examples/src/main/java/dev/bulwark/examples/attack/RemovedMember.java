package dev.bulwark.examples.attack;

import dev.bulwark.groups.EpochPackages;
import dev.bulwark.groups.GroupAction;
import dev.bulwark.groups.GroupChange;
import java.util.Locale;
import java.util.Map;

/**
 * The administrator removes Mallory, opening key epoch 1 with key packages for the remaining
 * members only. Mallory asks the server for epoch 1's key package, hers and Bob's.
 *
 * <p>Decisive figure: key packages of the new epoch Mallory obtained; Bob must still get his.
 */
final class RemovedMember implements Threat {
  @Override
  public String name() {
    return "Removed member's key access";
  }

  @Override
  public String mitigations() {
    return "GroupServer key epochs, key packages per member";
  }

  @Override
  public Result run(Simulation sim) {
    GroupHijack.Group g = GroupHijack.Group.create(sim);
    GroupChange remove =
        GroupChange.builder(g.id, 1, g.admin.account)
            .action(new GroupAction.RemoveMember(g.mallory.account))
            .epochPackages(
                EpochPackages.of(
                    1,
                    Map.of(
                        g.admin.account, GroupHijack.bytes("package for the admin"),
                        g.bob.account, GroupHijack.bytes("package for Bob"))))
            .sign(g.admin.signingKey);
    sim.expectOk(g.submit(sim, g.admin, remove));
    String keys = "/v1/groups/" + GroupHijack.Group.path(g.id) + "/keys/";
    long leaked = 0;
    for (String epoch : new String[] {"1", "2"}) {
      leaked +=
          sim.api().call("GET", keys + epoch, null, g.mallory.token, g.mallory.address).ok()
              ? 1
              : 0;
    }
    boolean bobServed = sim.api().call("GET", keys + "1", null, g.bob.token, g.bob.address).ok();
    String figure =
        String.format(
            Locale.ROOT,
            "%d of 2 key-package requests by the removed member served; Bob served: %s",
            leaked,
            bobServed ? "yes" : "NO");
    return new Result(
        name(), mitigations(), 2, 2 - leaked, leaked, figure, leaked == 0 && bobServed);
  }
}
