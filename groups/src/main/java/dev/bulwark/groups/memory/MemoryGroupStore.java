package dev.bulwark.groups.memory;

import dev.bulwark.groups.EpochPackages;
import dev.bulwark.groups.GroupId;
import dev.bulwark.groups.GroupState;
import dev.bulwark.groups.LogEntry;
import dev.bulwark.groups.internal.Checks;
import dev.bulwark.groups.spi.GroupStore;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A thread-safe in-memory {@link GroupStore}. Each group is one immutable record (state, log, last
 * hash, packages) replaced atomically through {@link ConcurrentHashMap#compute}, so a
 * compare-and-set stores state, log entry and packages together. It also refuses an entry that does
 * not link to the current last entry's hash, as a second line of defence for the chain.
 */
public final class MemoryGroupStore implements GroupStore {
  private final Map<GroupId, Record> groups = new ConcurrentHashMap<>();

  private MemoryGroupStore() {}

  /** An empty store. */
  public static MemoryGroupStore create() {
    return new MemoryGroupStore();
  }

  private record Record(
      GroupState state, ChunkedLog log, byte[] lastHash, Map<Long, EpochPackages> packages) {}

  @Override
  public boolean create(GroupState initial) {
    Checks.requireNonNull(initial, "initial");
    Checks.requireArgument(initial.version() == 0, "a new group must be at version 0");
    Record fresh =
        new Record(initial, ChunkedLog.EMPTY, LogEntry.genesisHash(initial.groupId()), Map.of());
    return groups.putIfAbsent(initial.groupId(), fresh) == null;
  }

  @Override
  public @Nullable GroupState load(GroupId groupId) {
    Record r = groups.get(groupId);
    return r == null ? null : r.state();
  }

  @Override
  public boolean compareAndSet(
      long expectedVersion, GroupState next, LogEntry entry, @Nullable EpochPackages packages) {
    Checks.requireArgument(
        next.version() == expectedVersion + 1 && entry.version() == next.version(),
        "next state and entry must be at expectedVersion + 1");
    boolean[] done = {false};
    groups.computeIfPresent(
        next.groupId(),
        (id, r) -> {
          if (r.state().version() != expectedVersion
              || !java.security.MessageDigest.isEqual(r.lastHash(), entry.previousHash())) {
            return r;
          }
          Map<Long, EpochPackages> pk = r.packages();
          if (packages != null) {
            pk = new ConcurrentHashMap<>(pk);
            pk.put(packages.epoch(), packages);
          }
          done[0] = true;
          return new Record(next, r.log().append(entry), entry.hash(), pk);
        });
    return done[0];
  }

  @Override
  public List<LogEntry> readLog(GroupId groupId, long fromVersion, int limit) {
    Checks.requireInRange("limit", limit, 1, 10_000);
    Record r = groups.get(groupId);
    if (r == null || fromVersion < 1 || fromVersion > r.log().size()) {
      return List.of();
    }
    int from = (int) (fromVersion - 1);
    return r.log().range(from, (int) Math.min(r.log().size(), (long) from + limit));
  }

  @Override
  public byte @Nullable [] keyPackage(GroupId groupId, long epoch, UUID member) {
    Record r = groups.get(groupId);
    if (r == null) {
      return null;
    }
    EpochPackages p = r.packages().get(epoch);
    return p == null ? null : p.packageFor(member);
  }
}
