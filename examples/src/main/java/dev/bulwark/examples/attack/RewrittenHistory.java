package dev.bulwark.examples.attack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.examples.server.DirectWriteGroupStore;
import dev.bulwark.groups.Attribute;
import dev.bulwark.groups.ChangeLog;
import dev.bulwark.groups.GroupAction;
import dev.bulwark.groups.GroupChange;
import dev.bulwark.groups.GroupChangeCodec;
import dev.bulwark.groups.GroupId;
import dev.bulwark.groups.GroupState;
import dev.bulwark.groups.LogEntry;
import dev.bulwark.groups.LogPage;
import dev.bulwark.groups.Role;
import dev.bulwark.groups.SignedHead;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An insider with write access to the group store (but not the server's signing key) rewrites a
 * group's history. The administrator of a group of three (administrator, Mallory, Bob) changes the
 * title, promotes Bob and changes the title again; Bob reads the log from version 1 and verifies it
 * against the server's signed head with {@link ChangeLog#verify} (a sanity check: it must verify).
 * Then the insider rewrites entry 2, Bob's promotion, into a promotion of Mallory (a change Mallory
 * did sign, since nobody can sign as the administrator), in four steps:
 *
 * <ol>
 *   <li>entry 2 edited in place: Bob fetches the log again and verifies it against the fresh head;
 *   <li>entry 3 re-linked to the edited entry 2, so the stored chain is consistent again: Bob asks
 *       the server for the log, which it must refuse to sign;
 *   <li>the same rewritten log presented with the newest genuine head (Bob's own, which a
 *       compromised front end could replay): Bob verifies it;
 *   <li>the administrator's next change, which the server must refuse to chain onto the rewritten
 *       log, leaving the group at version 3.
 * </ol>
 *
 * <p>Decisive figure: rewritten histories Bob's check accepted (must be 0 of 2), and whether the
 * server signed or extended the rewritten log.
 */
final class RewrittenHistory implements Threat {
  @Override
  public String name() {
    return "Rewritten group history";
  }

  @Override
  public String mitigations() {
    return "GroupServer: hash-chained sealed log, signed heads; ChangeLog.verify on the member";
  }

  @Override
  public Result run(Simulation sim) {
    if (!(sim.server().stores().groups() instanceof DirectWriteGroupStore store)) {
      throw new IllegalStateException("the insider writes through the demo's group store");
    }
    GroupHijack.Group g = GroupHijack.Group.create(sim);
    byte[] serverKey = sim.server().groupLogKey();
    byte[] genesis = LogEntry.genesisHash(g.id);
    sim.expectOk(g.submit(sim, g.admin, title(g, 1, "encrypted title")));
    sim.expectOk(
        g.submit(
            sim,
            g.admin,
            GroupChange.builder(g.id, 2, g.admin.account)
                .action(new GroupAction.ChangeRole(g.bob.account, Role.ADMINISTRATOR))
                .sign(g.admin.signingKey)));
    sim.expectOk(g.submit(sim, g.admin, title(g, 3, "encrypted new title")));

    LogPage genuine = page(sim.expectOk(fetchLog(sim, g)).json(), g.id);
    if (!ChangeLog.verify(g.id, serverKey, genesis, genuine).valid()
        || genuine.head().version() != 3) {
      throw new IllegalStateException("the genuine log did not verify");
    }
    SignedHead bobsHead = genuine.head();

    // 1. Entry 2 edited in place: same link and seal, another change.
    LogEntry original2 = genuine.entries().get(1);
    LogEntry original3 = genuine.entries().get(2);
    GroupChange promoteMallory =
        GroupChange.builder(g.id, 2, g.mallory.account)
            .action(new GroupAction.ChangeRole(g.mallory.account, Role.ADMINISTRATOR))
            .sign(g.mallory.signingKey);
    LogEntry forged2 =
        LogEntry.of(
            g.id,
            2,
            GroupChangeCodec.encode(promoteMallory),
            original2.previousHash(),
            original2.seal());
    store.overwrite(forged2);
    List<Long> foundAt = new ArrayList<>();
    long accepted = 0;
    ApiClient.Response edited = fetchLog(sim, g);
    long signed = 0;
    if (edited.ok()) {
      ChangeLog.Verification v =
          ChangeLog.verify(g.id, serverKey, genesis, page(edited.json(), g.id));
      accepted += v.valid() ? 1 : 0;
      foundAt.add(v.firstInvalidVersion());
    } else {
      // Refusing to serve is also safe; the server refuses only what it cannot sign.
      foundAt.add(-1L);
    }

    // 2. Entry 3 re-linked to the forged entry 2: a consistent chain, but entry 3's seal no longer
    // matches, so the server must not sign a head over it.
    store.overwrite(LogEntry.of(g.id, 3, original3.change(), forged2.hash(), original3.seal()));
    ApiClient.Response relinked = fetchLog(sim, g);
    List<Integer> answers = new ArrayList<>();
    answers.add(relinked.status());
    if (relinked.ok()) {
      signed++;
      accepted +=
          ChangeLog.verify(g.id, serverKey, genesis, page(relinked.json(), g.id)).valid() ? 1 : 0;
    }

    // 3. The rewritten log with the newest genuine head, as a compromised front end would serve it.
    List<LogEntry> rewritten = store.readLog(g.id, 1, 10);
    ChangeLog.Verification replayed =
        ChangeLog.verify(g.id, serverKey, genesis, rewritten, bobsHead);
    accepted += replayed.valid() ? 1 : 0;
    foundAt.add(replayed.firstInvalidVersion());

    // 4. The administrator's next change, on top of the rewritten log.
    ApiClient.Response next = g.submit(sim, g.admin, title(g, 4, "encrypted third title"));
    answers.add(next.status());
    GroupState after = store.load(g.id);
    boolean extended = next.ok() || after.version() != 3 || store.readLog(g.id, 4, 1).size() > 0;

    long allowed = accepted + signed + (extended ? 1 : 0);
    String figure =
        String.format(
            Locale.ROOT,
            "%d of 2 rewritten histories accepted by Bob's check (edits found at versions %s);"
                + " server signed or extended the rewritten log: %s (answers %s)",
            accepted,
            foundAt.stream().map(String::valueOf).collect(Collectors.joining(" and ")),
            signed > 0 || extended ? "YES" : "no",
            answers);
    return new Result(name(), mitigations(), 4, 4 - allowed, allowed, figure, allowed == 0);
  }

  private static GroupChange title(GroupHijack.Group g, long version, String title) {
    return GroupChange.builder(g.id, version, g.admin.account)
        .action(new GroupAction.ModifyAttribute(Attribute.TITLE, GroupHijack.bytes(title)))
        .sign(g.admin.signingKey);
  }

  private static ApiClient.Response fetchLog(Simulation sim, GroupHijack.Group g) {
    return sim.api()
        .call(
            "GET",
            "/v1/groups/" + GroupHijack.Group.path(g.id) + "/log?from=1",
            null,
            g.bob.token,
            g.bob.address);
  }

  /** A page as Bob's client decodes it from the server's answer. */
  static LogPage page(JsonNode json, GroupId groupId) {
    Base64.Decoder b64 = Base64.getDecoder();
    List<LogEntry> entries = new ArrayList<>();
    for (JsonNode e : json.path("entries")) {
      entries.add(
          LogEntry.of(
              groupId,
              e.path("version").asLong(),
              b64.decode(e.path("change").asText()),
              b64.decode(e.path("previousHash").asText()),
              b64.decode(e.path("seal").asText())));
    }
    JsonNode h = json.path("head");
    SignedHead head =
        SignedHead.of(
            groupId,
            h.path("version").asLong(),
            b64.decode(h.path("hash").asText()),
            b64.decode(h.path("signature").asText()));
    return new LogPage(entries, head);
  }
}
