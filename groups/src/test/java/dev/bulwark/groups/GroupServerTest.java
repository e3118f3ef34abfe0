package dev.bulwark.groups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.groups.GroupAction.AcceptInvite;
import dev.bulwark.groups.GroupAction.AddMember;
import dev.bulwark.groups.GroupAction.Ban;
import dev.bulwark.groups.GroupAction.ChangeRole;
import dev.bulwark.groups.GroupAction.Invite;
import dev.bulwark.groups.GroupAction.JoinViaLink;
import dev.bulwark.groups.GroupAction.ModifyAccessControl;
import dev.bulwark.groups.GroupAction.ModifyAttribute;
import dev.bulwark.groups.GroupAction.RemoveMember;
import dev.bulwark.groups.GroupAction.RotateInviteLink;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupServerTest {
  private final GroupFixture f = new GroupFixture(42, 6);
  private final UUID admin = f.admin();
  private final UUID alice = f.users.get(1);
  private final UUID bob = f.users.get(2);
  private final UUID carol = f.users.get(3);

  @Test
  void adminAddsMembersAndVersionAdvancesByOne() {
    GroupState s =
        f.adminApplies(new AddMember(alice, Role.MEMBER), new AddMember(bob, Role.MEMBER));
    assertThat(s.version()).isEqualTo(1);
    assertThat(s.members()).containsKeys(admin, alice, bob);
    assertThat(s.members().get(alice).joinedAtVersion()).isEqualTo(1);
  }

  @Test
  void memberCannotPromoteItself() {
    f.adminApplies(new AddMember(alice, Role.MEMBER));
    GroupState before = f.state();
    ApplyResult r = f.server.apply(f.change(alice, new ChangeRole(alice, Role.ADMINISTRATOR)));
    assertThat(r).isEqualTo(new ApplyResult.Refused(Refusal.NOT_AUTHORIZED, 0));
    assertThat(f.state()).isEqualTo(before);
  }

  @Test
  void authorizationFollowsTheEvolvingState() {
    f.adminApplies(new AddMember(alice, Role.ADMINISTRATOR));
    // alice demotes herself, then tries an admin-only action in the same change
    ApplyResult r =
        f.server.apply(
            f.change(
                alice,
                new ChangeRole(alice, Role.MEMBER),
                new ModifyAccessControl(AccessControl.DEFAULT)));
    assertThat(r).isEqualTo(new ApplyResult.Refused(Refusal.NOT_AUTHORIZED, 1));
    assertThat(f.state().isAdministrator(alice)).isTrue();
  }

  @Test
  void staleVersionGetsConflictWithCurrentStateForMembers() {
    GroupChange first = f.change(admin, new AddMember(alice, Role.MEMBER));
    assertThat(f.server.apply(first).isApplied()).isTrue();
    ApplyResult replay = f.server.apply(first);
    assertThat(replay).isEqualTo(new ApplyResult.Conflict(f.state()));
    assertThat(f.state().version()).isEqualTo(1);
  }

  @Test
  void nonMemberWithStaleVersionLearnsNothing() {
    ApplyResult r = f.server.apply(f.change(bob, 7, new AcceptInvite()));
    assertThat(r).isEqualTo(new ApplyResult.Refused(Refusal.NOT_A_MEMBER, -1));
  }

  @Test
  void foreignAndTamperedSignaturesAreRefused() {
    GroupChange byAlice = f.change(alice, new AddMember(alice, Role.ADMINISTRATOR));
    // claims admin as author but signed with alice's key
    GroupChange forged =
        GroupChange.builder(f.groupId, 1, admin)
            .action(new AddMember(alice, Role.ADMINISTRATOR))
            .sign(f.keys.get(alice));
    assertThat(f.server.apply(forged))
        .isEqualTo(new ApplyResult.Refused(Refusal.BAD_SIGNATURE, -1));
    byte[] sig = byAlice.signature();
    sig[5] ^= 1;
    assertThat(f.server.apply(byAlice.withSignature(sig)))
        .isEqualTo(new ApplyResult.Refused(Refusal.BAD_SIGNATURE, -1));
    assertThat(f.state().version()).isZero();
  }

  @Test
  void aKeyReplacedInTheDirectoryTakesEffectAtOnce() {
    GroupChange signedWithOldKey = f.change(admin, new AddMember(alice, Role.MEMBER));
    SigningKey newKey = SigningKey.generate(new java.security.SecureRandom());
    f.directory.register(admin, newKey.publicKey());
    assertThat(f.server.apply(signedWithOldKey))
        .isEqualTo(new ApplyResult.Refused(Refusal.BAD_SIGNATURE, -1));
    GroupChange signedWithNewKey =
        GroupChange.builder(f.groupId, 1, admin)
            .action(new AddMember(alice, Role.MEMBER))
            .sign(newKey);
    assertThat(f.server.apply(signedWithNewKey).isApplied()).isTrue();
    // and back: the old key's signature verifies again once the old key is registered again
    f.directory.register(admin, f.keys.get(admin).publicKey());
    assertThat(f.server.apply(f.change(admin, new AddMember(bob, Role.MEMBER))).isApplied())
        .isTrue();
  }

  @Test
  void headsAreSignedOncePerVersionAndCoverTheNewestEntry() {
    assertThat(f.server.signedHead(f.groupId).version()).isZero();
    assertThat(f.server.signedHead(f.groupId).hash()).isEqualTo(LogEntry.genesisHash(f.groupId));
    ApplyResult.Applied a =
        (ApplyResult.Applied) f.server.apply(f.change(admin, new AddMember(alice, Role.MEMBER)));
    SignedHead head = f.server.signedHead(f.groupId);
    assertThat(head.version()).isEqualTo(1);
    assertThat(head.hash()).isEqualTo(a.logEntry().hash());
    assertThat(head.verifies(f.server.serverPublicKey())).isTrue();
    assertThat(f.server.signedHead(f.groupId)).isSameAs(head);
    assertThat(f.server.signedHead(GroupId.of(new byte[32]))).isNull();
    assertThat(head.toString()).isEqualTo("SignedHead[version=1]");
  }

  @Test
  void unknownAuthorAndUnknownGroupAreRefused() {
    UUID stranger = UUID.randomUUID();
    GroupChange c =
        GroupChange.builder(f.groupId, 1, stranger)
            .action(new AcceptInvite())
            .sign(f.keys.get(alice));
    assertThat(f.server.apply(c)).isEqualTo(new ApplyResult.Refused(Refusal.UNKNOWN_AUTHOR, -1));
    GroupChange elsewhere =
        GroupChange.builder(GroupId.of(new byte[32]), 1, admin)
            .action(new AcceptInvite())
            .sign(f.keys.get(admin));
    assertThat(f.server.apply(elsewhere))
        .isEqualTo(new ApplyResult.Refused(Refusal.NO_SUCH_GROUP, -1));
  }

  @Test
  void memberMayLeaveButNotRemoveOthers() {
    f.adminApplies(new AddMember(alice, Role.MEMBER), new AddMember(bob, Role.MEMBER));
    ApplyResult removeBob = f.server.apply(f.removal(alice, bob, List.of(admin, alice)));
    assertThat(removeBob).isEqualTo(new ApplyResult.Refused(Refusal.NOT_AUTHORIZED, 0));
    ApplyResult leave = f.server.apply(f.removal(alice, alice, List.of(admin, bob)));
    assertThat(leave.isApplied()).isTrue();
    assertThat(f.state().members()).doesNotContainKey(alice);
  }

  @Test
  void bannedUserCannotBeAddedInvitedOrJoin() {
    byte[] pw = new byte[24];
    pw[0] = 7;
    f.adminApplies(
        new Ban(carol),
        new RotateInviteLink(pw),
        new ModifyAccessControl(
            new AccessControl(AccessRequired.MEMBER, AccessRequired.MEMBER, AccessRequired.ANY)));
    assertThat(f.server.apply(f.change(admin, new AddMember(carol, Role.MEMBER))))
        .isEqualTo(new ApplyResult.Refused(Refusal.BANNED, 0));
    assertThat(f.server.apply(f.change(admin, new Invite(carol))))
        .isEqualTo(new ApplyResult.Refused(Refusal.BANNED, 0));
    assertThat(f.server.apply(f.change(carol, new JoinViaLink(pw))))
        .isEqualTo(new ApplyResult.Refused(Refusal.BANNED, 0));
    assertThat(f.state().isMember(carol)).isFalse();
  }

  @Test
  void inviteLinkNeedsPasswordAndSetting() {
    byte[] pw = new byte[32];
    pw[3] = 9;
    byte[] wrong = pw.clone();
    wrong[3] = 8;
    f.adminApplies(new RotateInviteLink(pw));
    // default setting UNSATISFIABLE
    assertThat(f.server.apply(f.change(alice, new JoinViaLink(pw))))
        .isEqualTo(new ApplyResult.Refused(Refusal.NOT_AUTHORIZED, 0));
    f.adminApplies(
        new ModifyAccessControl(
            new AccessControl(
                AccessRequired.MEMBER, AccessRequired.MEMBER, AccessRequired.ADMINISTRATOR)));
    assertThat(f.server.apply(f.change(alice, new JoinViaLink(wrong))))
        .isEqualTo(new ApplyResult.Refused(Refusal.INVALID_ACTION, 0));
    assertThat(f.server.apply(f.change(alice, new JoinViaLink(pw))).isApplied()).isTrue();
    assertThat(f.state().requesters()).containsExactly(alice);
    assertThat(f.state().isMember(alice)).isFalse();
    f.adminApplies(new GroupAction.ApproveRequest(alice));
    assertThat(f.state().isMember(alice)).isTrue();
  }

  @Test
  void inviteeAcceptsAndAttributeAccessIsEnforced() {
    f.adminApplies(
        new Invite(alice),
        new ModifyAccessControl(
            new AccessControl(
                AccessRequired.MEMBER,
                AccessRequired.ADMINISTRATOR,
                AccessRequired.UNSATISFIABLE)));
    assertThat(f.server.apply(f.change(alice, new AcceptInvite())).isApplied()).isTrue();
    assertThat(f.server.apply(f.change(alice, new ModifyAttribute(Attribute.TITLE, new byte[8]))))
        .isEqualTo(new ApplyResult.Refused(Refusal.NOT_AUTHORIZED, 0));
    GroupState s = f.adminApplies(new ModifyAttribute(Attribute.TITLE, new byte[] {1, 2}));
    assertThat(s.attribute(Attribute.TITLE)).containsExactly(1, 2);
  }

  @Test
  void lastAdministratorCannotStepDownLeavingMembers() {
    f.adminApplies(new AddMember(alice, Role.MEMBER));
    assertThat(f.server.apply(f.change(admin, new ChangeRole(admin, Role.MEMBER))))
        .isEqualTo(new ApplyResult.Refused(Refusal.INVALID_RESULT, -1));
  }

  @Test
  void sizeLimitIsEnforced() {
    GroupChange.Builder b = GroupChange.builder(f.groupId, 1, admin);
    for (int i = 0; i < 50; i++) {
      b.action(new Invite(new UUID(1, i)));
    }
    assertThat(f.server.apply(b.sign(f.keys.get(admin))))
        .isEqualTo(new ApplyResult.Refused(Refusal.INVALID_RESULT, -1));
    assertThat(f.state().version()).isZero();
  }

  @Test
  void removalRequiresCompleteExclusivePackagesForTheNextEpoch() {
    f.adminApplies(new AddMember(alice, Role.MEMBER), new AddMember(bob, Role.MEMBER));
    GroupState before = f.state();
    GroupChange none = f.change(admin, new RemoveMember(bob));
    assertThat(f.server.apply(none)).isEqualTo(new ApplyResult.Refused(Refusal.KEY_PACKAGES, -1));
    for (Set<UUID> recipients : List.of(Set.of(admin), Set.of(admin, alice, bob))) {
      assertThat(f.server.apply(f.removal(admin, bob, recipients)))
          .isEqualTo(new ApplyResult.Refused(Refusal.KEY_PACKAGES, -1));
    }
    GroupChange wrongEpoch =
        GroupChange.builder(f.groupId, 2, admin)
            .action(new RemoveMember(bob))
            .epochPackages(
                EpochPackages.of(5, java.util.Map.of(admin, new byte[1], alice, new byte[1])))
            .sign(f.keys.get(admin));
    assertThat(f.server.apply(wrongEpoch))
        .isEqualTo(new ApplyResult.Refused(Refusal.KEY_PACKAGES, -1));
    assertThat(f.state()).isEqualTo(before);

    assertThat(f.server.apply(f.removal(admin, bob, List.of(admin, alice))).isApplied()).isTrue();
    assertThat(f.state().keyEpoch()).isEqualTo(1);
    assertThat(f.server.keyPackage(f.groupId, alice, 1)).isInstanceOf(ReadResult.Granted.class);
    assertThat(f.server.keyPackage(f.groupId, bob, 1))
        .isEqualTo(new ReadResult.Denied<byte[]>(Refusal.NOT_A_MEMBER));
  }

  @Test
  void logIsReadablefromJoinVersionInPagesAndVerifies() {
    f.adminApplies(new AddMember(alice, Role.MEMBER));
    f.adminApplies(new ModifyAttribute(Attribute.TITLE, new byte[] {1}));
    f.adminApplies(new AddMember(bob, Role.MEMBER));
    f.adminApplies(new ModifyAttribute(Attribute.TITLE, new byte[] {2}));
    f.adminApplies(new ModifyAttribute(Attribute.TITLE, new byte[] {3}));

    assertThat(f.server.readLog(f.groupId, bob, 2, 10))
        .isEqualTo(new ReadResult.Denied<LogPage>(Refusal.BEFORE_JOIN));
    assertThat(f.server.readLog(f.groupId, carol, 1, 10))
        .isEqualTo(new ReadResult.Denied<LogPage>(Refusal.NOT_A_MEMBER));

    LogPage page1 = ((ReadResult.Granted<LogPage>) f.server.readLog(f.groupId, bob, 3, 2)).value();
    LogPage page2 = ((ReadResult.Granted<LogPage>) f.server.readLog(f.groupId, bob, 5, 2)).value();
    LogPage past = ((ReadResult.Granted<LogPage>) f.server.readLog(f.groupId, bob, 6, 2)).value();
    assertThat(page1.entries()).extracting(LogEntry::version).containsExactly(3L, 4L);
    assertThat(page1.head().version()).isEqualTo(4);
    assertThat(page2.entries()).extracting(LogEntry::version).containsExactly(5L);
    assertThat(page2.head().version()).isEqualTo(5);
    assertThat(past.entries()).isEmpty();
    assertThat(past.head()).isEqualTo(page2.head());
    byte[] key = f.server.serverPublicKey();
    assertThat(ChangeLog.verify(f.groupId, key, null, page1).valid()).isTrue();
    assertThat(ChangeLog.verify(f.groupId, key, page1.head().hash(), page2).valid()).isTrue();
    // a reader up to date at version 5 learns, signed, that nothing came after
    assertThat(ChangeLog.verify(f.groupId, key, page2.head().hash(), past).valid()).isTrue();
    // pages do not verify against the wrong anchor
    assertThat(ChangeLog.verify(f.groupId, key, page2.head().hash(), page2))
        .isEqualTo(new ChangeLog.Verification(false, 5));
    assertThat(ChangeLog.verify(f.groupId, key, page1.head().hash(), past))
        .isEqualTo(new ChangeLog.Verification(false, 5));

    var full = ((ReadResult.Granted<LogPage>) f.server.readLog(f.groupId, admin, 1, 100)).value();
    assertThat(
            ChangeLog.verify(
                    f.groupId, f.server.serverPublicKey(), LogEntry.genesisHash(f.groupId), full)
                .valid())
        .isTrue();
    assertThat(full.head()).isEqualTo(f.server.signedHead(f.groupId));
  }

  @Test
  void guardRefusalCostsNothing() {
    AtomicInteger calls = new AtomicInteger();
    GroupServer guarded =
        GroupServer.builder(f.store, f.directory, f.serverKey)
            .guard(
                (g, actor, op) -> {
                  calls.incrementAndGet();
                  return false;
                })
            .build();
    assertThat(guarded.apply(f.change(admin, new AddMember(alice, Role.MEMBER))))
        .isEqualTo(new ApplyResult.Refused(Refusal.RATE_LIMITED, -1));
    assertThat(guarded.readLog(f.groupId, admin, 1, 1))
        .isEqualTo(new ReadResult.Denied<LogPage>(Refusal.RATE_LIMITED));
    assertThat(guarded.keyPackage(f.groupId, admin, 1))
        .isEqualTo(new ReadResult.Denied<byte[]>(Refusal.RATE_LIMITED));
    assertThat(calls.get()).isEqualTo(3);
    assertThat(f.state().version()).isZero();
  }

  @Test
  void nothingIdentifyingIsPrinted() {
    GroupChange c = f.change(admin, new AddMember(alice, Role.MEMBER));
    String printed = c + " " + c.actions() + " " + f.state() + " " + f.serverKey + " " + f.groupId;
    assertThat(printed).doesNotContain(alice.toString()).doesNotContain(admin.toString());
    assertThat(f.adminApplies(new AddMember(alice, Role.MEMBER)).members().get(alice).toString())
        .doesNotContain(alice.toString());
  }
}
