package dev.bulwark.examples.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.examples.server.DemoClock;
import dev.bulwark.examples.server.DemoServer;
import dev.bulwark.examples.server.Settings;
import dev.bulwark.examples.server.Stores;
import dev.bulwark.groups.Attribute;
import dev.bulwark.groups.ChangeLog;
import dev.bulwark.groups.GroupAction;
import dev.bulwark.groups.GroupChange;
import dev.bulwark.groups.GroupId;
import dev.bulwark.groups.LogEntry;
import dev.bulwark.groups.LogPage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/groups/{group}/log}: a member gets pages that verify against the server's signed
 * head; an outsider gets the same opaque answer as for a group that does not exist; a malformed or
 * missing {@code from} is a bad request.
 */
class GroupLogEndpointTest {

  @Test
  void membersGetVerifiablePagesAndOutsidersLearnNothing() {
    DemoClock clock = DemoClock.simulated();
    try (DemoServer server = DemoServer.start(Stores.inMemory(clock), clock, Settings.defaults())) {
      Simulation sim = new Simulation(server, clock);
      GroupHijack.Group g = GroupHijack.Group.create(sim);
      for (long v = 1; v <= 3; v++) {
        sim.expectOk(
            g.submit(
                sim,
                g.admin,
                GroupChange.builder(g.id, v, g.admin.account)
                    .action(
                        new GroupAction.ModifyAttribute(
                            Attribute.TITLE, ("title " + v).getBytes(StandardCharsets.UTF_8)))
                    .sign(g.admin.signingKey)));
      }
      String log = "/v1/groups/" + GroupHijack.Group.path(g.id) + "/log";

      ApiClient.Response all = sim.expectOk(get(sim, g.bob, log + "?from=1"));
      LogPage page = RewrittenHistory.page(all.json(), g.id);
      assertThat(page.entries()).extracting(LogEntry::version).containsExactly(1L, 2L, 3L);
      assertThat(
              ChangeLog.verify(g.id, server.groupLogKey(), LogEntry.genesisHash(g.id), page)
                  .valid())
          .isTrue();
      LogPage tail =
          RewrittenHistory.page(sim.expectOk(get(sim, g.bob, log + "?from=3")).json(), g.id);
      assertThat(
              ChangeLog.verify(g.id, server.groupLogKey(), page.entries().get(1).hash(), tail)
                  .valid())
          .isTrue();
      byte[] otherKey = Arrays.copyOf(server.groupLogKey(), 32);
      otherKey[0] ^= 1;
      assertThat(ChangeLog.verify(g.id, otherKey, null, page).valid()).isFalse();

      User outsider = User.register(sim, sim.freshNumber(), null);
      ApiClient.Response notMember = get(sim, outsider, log + "?from=1");
      String nowhere = "/v1/groups/" + GroupHijack.Group.path(GroupId.random(ForgedPreKey.RANDOM));
      ApiClient.Response noGroup = get(sim, outsider, nowhere + "/log?from=1");
      assertThat(notMember.status()).isEqualTo(noGroup.status()).isNotEqualTo(200);
      assertThat(notMember.body()).isEqualTo(noGroup.body());

      assertThat(get(sim, g.bob, log).status()).isEqualTo(400);
      assertThat(get(sim, g.bob, log + "?from=0").status()).isEqualTo(400);
      assertThat(get(sim, g.bob, log + "?from=x").status()).isEqualTo(400);
      assertThat(get(sim, g.bob, log + "?from=1&from=2").status()).isEqualTo(400);
    }
  }

  private static ApiClient.Response get(Simulation sim, User user, String path) {
    return sim.api().call("GET", path, null, user.token, user.address);
  }
}
