package dev.bulwark.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GroupStateTest {
  private static final GroupId GROUP = GroupId.of(new byte[32]);
  private static final UUID A = new UUID(0, 1);
  private static final UUID B = new UUID(0, 2);

  private static GroupState.Builder base() {
    return GroupState.builder(GROUP).member(A, Role.ADMINISTRATOR, 0);
  }

  @Test
  void hugeMemberListsAreRejected() {
    GroupState.Builder b = base().maxSize(GroupState.MAX_GROUP_SIZE);
    for (int i = 0; i < GroupState.MAX_GROUP_SIZE; i++) {
      b.invitee(new UUID(1, i), true);
    }
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("members plus invitees must be at most maxSize 10000");
    assertThatThrownBy(() -> base().maxSize(GroupState.MAX_GROUP_SIZE + 1))
        .hasMessageContaining("maxSize must be between 1 and 10000, got 10001");
  }

  @Test
  void listsMustBeDisjoint() {
    assertThatThrownBy(() -> base().banned(A, true).build())
        .hasMessageContaining("must be disjoint");
    assertThatThrownBy(() -> base().invitee(B, true).requester(B, true).build())
        .hasMessageContaining("must be disjoint");
  }

  @Test
  void membersNeedAnAdministrator() {
    assertThatThrownBy(() -> GroupState.builder(GROUP).member(B, Role.MEMBER, 0).build())
        .hasMessageContaining("at least one administrator");
  }

  @Test
  void attributeAndPasswordSizesAreBounded() {
    assertThatThrownBy(() -> base().attribute(Attribute.AVATAR, new byte[1025]).build())
        .hasMessageContaining("AVATAR blob must be at most 1024 bytes");
    assertThatThrownBy(() -> base().inviteLinkPassword(new byte[8]).build())
        .hasMessageContaining("invite-link password must be empty or 16 to 64 bytes");
    assertThatThrownBy(() -> new GroupAction.JoinViaLink(new byte[65]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDerivedStateSharesTheListsItKeepsAndChecksTheOnesItChanges() {
    GroupState.Builder b = base().maxSize(2000).banned(new UUID(9, 9), true);
    for (int i = 0; i < 1000; i++) {
      b.member(new UUID(2, i), Role.MEMBER, 0);
    }
    GroupState s = b.build();
    GroupState next = s.toBuilder().version(1).attribute(Attribute.TITLE, new byte[] {1}).build();
    assertThat(next.members()).isSameAs(s.members());
    assertThat(next.banned()).isSameAs(s.banned());
    assertThat(next.attribute(Attribute.TITLE)).containsExactly(1);
    // re-adding an identical member changes nothing, so nothing is copied
    assertThat(s.toBuilder().member(A, Role.ADMINISTRATOR, 0).build().members())
        .isSameAs(s.members());

    GroupState added = s.toBuilder().version(1).member(B, Role.MEMBER, 1).build();
    assertThat(added.members()).hasSize(1002).isNotSameAs(s.members());
    assertThat(s.members()).hasSize(1001).doesNotContainKey(B);
    assertThat(added.banned()).isSameAs(s.banned());

    // every invariant is still checked once a list, the maximum size or the version changes
    assertThatThrownBy(() -> s.toBuilder().banned(A, true).build())
        .hasMessageContaining("must be disjoint");
    assertThatThrownBy(() -> s.toBuilder().member(A, Role.MEMBER, 0).build())
        .hasMessageContaining("at least one administrator");
    assertThatThrownBy(() -> s.toBuilder().maxSize(1000).build())
        .hasMessageContaining("members plus invitees must be at most maxSize 1000");
    GroupState later = s.toBuilder().version(5).member(B, Role.MEMBER, 5).build();
    assertThatThrownBy(() -> later.toBuilder().version(4).build())
        .hasMessageContaining("joinedAtVersion must not exceed version");
    assertThat(s.toBuilder().build()).isEqualTo(s);
  }

  @Test
  void createRejectsAnExistingIdAndNonZeroVersion() {
    GroupFixture f = new GroupFixture(3, 2);
    GroupState again = GroupState.builder(f.groupId).member(A, Role.ADMINISTRATOR, 0).build();
    assertThat(f.server.create(again)).isFalse();
    assertThat(f.state().isMember(A)).isFalse();
    assertThatThrownBy(() -> f.server.create(base().version(3).build()))
        .hasMessageContaining("version 0");
  }

  @Test
  void logPagesAcrossManyEntriesStayOrderedAndVerify() {
    GroupFixture f = new GroupFixture(5, 2);
    for (int i = 0; i < 1100; i++) {
      f.adminApplies(new GroupAction.ModifyAttribute(Attribute.TITLE, new byte[] {(byte) i}));
    }
    List<LogEntry> all = new java.util.ArrayList<>();
    byte[] anchor = LogEntry.genesisHash(f.groupId);
    for (long from = 1; ; ) {
      LogPage page =
          ((ReadResult.Granted<LogPage>) f.server.readLog(f.groupId, f.admin(), from, 300)).value();
      // each page verifies on its own, linked to the last hash of the one before
      assertThat(ChangeLog.verify(f.groupId, f.server.serverPublicKey(), anchor, page).valid())
          .isTrue();
      anchor = page.head().hash();
      if (page.entries().isEmpty()) {
        assertThat(page.head().version()).isEqualTo(1100);
        break;
      }
      all.addAll(page.entries());
      from += page.entries().size();
    }
    assertThat(all).hasSize(1100);
    assertThat(all.get(1099).version()).isEqualTo(1100);
    SignedHead head = f.server.signedHead(f.groupId);
    assertThat(
            ChangeLog.verify(
                    f.groupId,
                    f.server.serverPublicKey(),
                    LogEntry.genesisHash(f.groupId),
                    all,
                    head)
                .valid())
        .isTrue();
  }
}
