package dev.bulwark.examples.groups;

import dev.bulwark.examples.Scenario;
import dev.bulwark.groups.ApplyResult;
import dev.bulwark.groups.Attribute;
import dev.bulwark.groups.ChangeLog;
import dev.bulwark.groups.EpochPackages;
import dev.bulwark.groups.GroupAction;
import dev.bulwark.groups.GroupChange;
import dev.bulwark.groups.GroupId;
import dev.bulwark.groups.GroupServer;
import dev.bulwark.groups.GroupState;
import dev.bulwark.groups.LogEntry;
import dev.bulwark.groups.ReadResult;
import dev.bulwark.groups.Role;
import dev.bulwark.groups.SignedHead;
import dev.bulwark.groups.SigningKey;
import dev.bulwark.groups.memory.MemoryGroupStore;
import dev.bulwark.groups.memory.MemoryMemberKeyDirectory;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A group of three: an administrator, Mallory and Bob. Mallory signs a change promoting herself;
 * after the administrator removes her (opening key epoch 1 with packages for the others), she asks
 * for epoch 1's key package and replays the administrator's old change; finally an insider rewrites
 * an entry of the stored change log and an auditor checks it against the server's signed head.
 * Everything is refused or detected.
 */
public final class GroupTamperingScenario implements Scenario {

  @Override
  public String title() {
    return "Group changes: self-promotion, removed member, replay and a rewritten log";
  }

  @Override
  public boolean run(PrintStream out) {
    SecureRandom random = new SecureRandom();
    MemoryMemberKeyDirectory directory = MemoryMemberKeyDirectory.create();
    MemoryGroupStore store = MemoryGroupStore.create();
    GroupServer server = GroupServer.builder(store, directory, SigningKey.generate(random)).build();
    UUID admin = UUID.randomUUID();
    UUID mallory = UUID.randomUUID();
    UUID bob = UUID.randomUUID();
    SigningKey adminKey = register(directory, admin, random);
    SigningKey malloryKey = register(directory, mallory, random);
    register(directory, bob, random);
    GroupId groupId = GroupId.random(random);
    boolean created =
        server.create(
            GroupState.builder(groupId)
                .member(admin, Role.ADMINISTRATOR, 0)
                .member(mallory, Role.MEMBER, 0)
                .member(bob, Role.MEMBER, 0)
                .build());
    boolean held = created;

    GroupChange title =
        GroupChange.builder(groupId, 1, admin)
            .action(new GroupAction.ModifyAttribute(Attribute.TITLE, bytes("encrypted title")))
            .sign(adminKey);
    held &= report(out, "administrator sets the title", server.apply(title), true);

    GroupChange promote =
        GroupChange.builder(groupId, 2, mallory)
            .action(new GroupAction.ChangeRole(mallory, Role.ADMINISTRATOR))
            .sign(malloryKey);
    held &= report(out, "Mallory promotes herself", server.apply(promote), false);

    GroupChange remove =
        GroupChange.builder(groupId, 2, admin)
            .action(new GroupAction.RemoveMember(mallory))
            .epochPackages(
                EpochPackages.of(1, Map.of(admin, bytes("pkg admin"), bob, bytes("pkg bob"))))
            .sign(adminKey);
    held &= report(out, "administrator removes Mallory (epoch 1)", server.apply(remove), true);

    ReadResult<byte[]> stolen = server.keyPackage(groupId, mallory, 1);
    boolean denied = stolen instanceof ReadResult.Denied;
    out.printf(
        Locale.ROOT, "%-48s %s%n", "Mallory fetches epoch 1's key package", describe(stolen));
    held &= denied;

    held &= report(out, "the old title change is replayed", server.apply(title), false);

    List<LogEntry> log = store.readLog(groupId, 1, 100);
    SignedHead head = server.signedHead(groupId);
    byte[] anchor = LogEntry.genesisHash(groupId);
    ChangeLog.Verification honest =
        ChangeLog.verify(groupId, server.serverPublicKey(), anchor, log, head);
    List<LogEntry> rewritten = new ArrayList<>(log);
    LogEntry first = log.get(0);
    byte[] change = first.change();
    change[change.length - 70] ^= 1; // one byte of the title, inside the signed change
    rewritten.set(
        0, LogEntry.of(groupId, first.version(), change, first.previousHash(), first.seal()));
    ChangeLog.Verification tampered =
        ChangeLog.verify(groupId, server.serverPublicKey(), anchor, rewritten, head);
    out.printf(Locale.ROOT, "%-48s %s%n", "auditor verifies the stored log", honest);
    out.printf(Locale.ROOT, "%-48s %s%n", "auditor verifies a rewritten entry 1", tampered);
    held &= honest.valid() && !tampered.valid() && tampered.firstInvalidVersion() == 1;
    return held;
  }

  private static SigningKey register(
      MemoryMemberKeyDirectory directory, UUID user, SecureRandom random) {
    SigningKey key = SigningKey.generate(random);
    directory.register(user, key.publicKey());
    return key;
  }

  private static boolean report(PrintStream out, String what, ApplyResult r, boolean expected) {
    out.printf(Locale.ROOT, "%-48s %s%n", what, describe(r));
    return r.isApplied() == expected;
  }

  private static String describe(Object result) {
    if (result instanceof ApplyResult.Applied a) {
      return "applied, version " + a.state().version();
    }
    if (result instanceof ApplyResult.Conflict c) {
      return "refused: conflict, current version " + c.current().version();
    }
    if (result instanceof ReadResult.Granted<?>) {
      return "served";
    }
    return "refused: " + result;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
