package dev.bulwark.examples.attack;

import dev.bulwark.groups.Attribute;
import dev.bulwark.groups.EpochPackages;
import dev.bulwark.groups.GroupAction;
import dev.bulwark.groups.GroupChange;
import dev.bulwark.groups.GroupChangeCodec;
import dev.bulwark.groups.GroupId;
import dev.bulwark.groups.Role;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A group of an administrator, Mallory and Bob. Mallory signs a change promoting herself; with the
 * administrator's stolen bearer token she submits a change in his name that removes Bob, signed
 * with her own key; and she replays the administrator's earlier title change as captured.
 *
 * <p>Decisive figure: unauthorized changes applied.
 */
final class GroupHijack implements Threat {
  @Override
  public String name() {
    return "Group hijack";
  }

  @Override
  public String mitigations() {
    return "GroupServer: Ed25519 signatures, roles, version compare-and-set";
  }

  @Override
  public Result run(Simulation sim) {
    Group g = Group.create(sim);
    GroupChange title =
        GroupChange.builder(g.id, 1, g.admin.account)
            .action(new GroupAction.ModifyAttribute(Attribute.TITLE, bytes("encrypted title")))
            .sign(g.admin.signingKey);
    sim.expectOk(g.submit(sim, g.admin, title));

    GroupChange promote =
        GroupChange.builder(g.id, 2, g.mallory.account)
            .action(new GroupAction.ChangeRole(g.mallory.account, Role.ADMINISTRATOR))
            .sign(g.mallory.signingKey);
    GroupChange inAdminsName =
        GroupChange.builder(g.id, 2, g.admin.account)
            .action(new GroupAction.RemoveMember(g.bob.account))
            .epochPackages(
                EpochPackages.of(
                    1, Map.of(g.admin.account, bytes("pkg"), g.mallory.account, bytes("pkg"))))
            .sign(g.mallory.signingKey);
    long applied = 0;
    List<Integer> answers = new ArrayList<>();
    // Mallory's own request; the forgery with the administrator's stolen bearer token (but not his
    // key); the administrator's earlier request, captured and replayed as it was.
    User[] senders = {g.mallory, g.admin, g.admin};
    GroupChange[] attacks = {promote, inAdminsName, title};
    for (int i = 0; i < attacks.length; i++) {
      ApiClient.Response r = g.submit(sim, senders[i], attacks[i]);
      answers.add(r.status());
      applied += r.ok() ? 1 : 0;
    }
    String figure =
        String.format(
            Locale.ROOT, "%d of 3 unauthorized changes applied (answers %s)", applied, answers);
    return new Result(name(), mitigations(), 3, 3 - applied, applied, figure, applied == 0);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A group of three registered users, created by its administrator over the API. */
  static final class Group {
    final GroupId id;
    final User admin;
    final User mallory;
    final User bob;

    private Group(GroupId id, User admin, User mallory, User bob) {
      this.id = id;
      this.admin = admin;
      this.mallory = mallory;
      this.bob = bob;
    }

    static Group create(Simulation sim) {
      User admin = User.register(sim, sim.freshNumber(), null);
      User mallory = User.register(sim, sim.freshNumber(), null);
      User bob = User.register(sim, sim.freshNumber(), null);
      GroupId id = GroupId.random(ForgedPreKey.RANDOM);
      sim.expectOk(
          sim.api()
              .call(
                  "PUT",
                  "/v1/groups",
                  Map.of("groupId", path(id), "members", List.of(mallory.account, bob.account)),
                  admin.token,
                  admin.address));
      return new Group(id, admin, mallory, bob);
    }

    ApiClient.Response submit(Simulation sim, User caller, GroupChange change) {
      String encoded = Base64.getEncoder().encodeToString(GroupChangeCodec.encode(change));
      return sim.api()
          .call(
              "PATCH",
              "/v1/groups/" + path(id),
              Map.of("change", encoded),
              caller.token,
              caller.address);
    }

    static String path(GroupId id) {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(id.toBytes());
    }
  }
}
