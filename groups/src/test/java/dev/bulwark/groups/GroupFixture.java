package dev.bulwark.groups;

import dev.bulwark.groups.memory.MemoryGroupStore;
import dev.bulwark.groups.memory.MemoryMemberKeyDirectory;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A server over the real in-memory store with a handful of users, each with a registered key, and
 * one group whose first user is its administrator. Deterministic for a given seed.
 */
final class GroupFixture {
  final MemoryGroupStore store = MemoryGroupStore.create();
  final MemoryMemberKeyDirectory directory = MemoryMemberKeyDirectory.create();
  final SigningKey serverKey;
  final GroupServer server;
  final List<UUID> users = new ArrayList<>();
  final Map<UUID, SigningKey> keys = new HashMap<>();
  final GroupId groupId;

  GroupFixture(long seed, int userCount) {
    this(seed, userCount, 0);
  }

  /** As above, with users 1 to {@code plainMembers} already members of the group. */
  GroupFixture(long seed, int userCount, int plainMembers) {
    Random random = new Random(seed);
    SecureRandom keyRandom = deterministic(random);
    serverKey = SigningKey.generate(keyRandom);
    server = GroupServer.builder(store, directory, serverKey).build();
    for (int i = 0; i < userCount; i++) {
      UUID id = new UUID(random.nextLong(), random.nextLong());
      SigningKey key = SigningKey.generate(keyRandom);
      directory.register(id, key.publicKey());
      users.add(id);
      keys.put(id, key);
    }
    byte[] gid = new byte[GroupId.LENGTH];
    random.nextBytes(gid);
    groupId = GroupId.of(gid);
    GroupState.Builder initial =
        GroupState.builder(groupId).member(admin(), Role.ADMINISTRATOR, 0).maxSize(50);
    for (int i = 1; i <= plainMembers; i++) {
      initial.member(users.get(i), Role.MEMBER, 0);
    }
    boolean created = server.create(initial.build());
    if (!created) {
      throw new IllegalStateException("group exists");
    }
  }

  /** A SecureRandom whose bytes come from a seeded Random, so failures reproduce. */
  @SuppressWarnings("serial")
  static SecureRandom deterministic(Random random) {
    return new SecureRandom() {
      @Override
      public void nextBytes(byte[] bytes) {
        random.nextBytes(bytes);
      }
    };
  }

  UUID admin() {
    return users.get(0);
  }

  GroupState state() {
    GroupState s = server.load(groupId);
    if (s == null) {
      throw new IllegalStateException("no group");
    }
    return s;
  }

  /** A change by {@code author} at the next version, signed with the author's key. */
  GroupChange change(UUID author, GroupAction... actions) {
    return change(author, state().version() + 1, actions);
  }

  GroupChange change(UUID author, long targetVersion, GroupAction... actions) {
    GroupChange.Builder b = GroupChange.builder(groupId, targetVersion, author);
    for (GroupAction a : actions) {
      b.action(a);
    }
    return b.sign(keys.get(author));
  }

  /** Packages for the next epoch for exactly {@code members}. */
  EpochPackages packagesFor(Iterable<UUID> members) {
    Map<UUID, byte[]> map = new HashMap<>();
    long epoch = state().keyEpoch() + 1;
    for (UUID m : members) {
      map.put(
          m, ("epoch " + epoch + " for " + m).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return EpochPackages.of(epoch, map);
  }

  /** A change by {@code author} removing {@code removed}, with packages for {@code recipients}. */
  GroupChange removal(UUID author, UUID removed, Iterable<UUID> recipients) {
    return GroupChange.builder(groupId, state().version() + 1, author)
        .action(new GroupAction.RemoveMember(removed))
        .epochPackages(packagesFor(recipients))
        .sign(keys.get(author));
  }

  /** Applies a change by the admin and fails if it is not applied. */
  GroupState adminApplies(GroupAction... actions) {
    ApplyResult r = server.apply(change(admin(), actions));
    if (!(r instanceof ApplyResult.Applied a)) {
      throw new IllegalStateException("not applied: " + r);
    }
    return a.state();
  }

  /** An administrator of {@code state}, or {@code null} if it has none. */
  static @Nullable UUID anyAdministrator(GroupState state) {
    return state.members().values().stream()
        .filter(m -> m.role() == Role.ADMINISTRATOR)
        .map(Member::id)
        .findFirst()
        .orElse(null);
  }
}
