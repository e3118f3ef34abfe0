package dev.bulwark.examples.server;

import dev.bulwark.groups.EpochPackages;
import dev.bulwark.groups.GroupId;
import dev.bulwark.groups.GroupState;
import dev.bulwark.groups.LogEntry;
import dev.bulwark.groups.spi.GroupStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The group store as the server uses it, plus the direct write access that anyone who administers
 * its database has beside the server: {@link #overwrite} replaces a stored log entry in place, as
 * an {@code UPDATE} on the log table would. The server never calls it; the simulation's insider
 * does ("Rewritten group history"). Everything else is the wrapped store's.
 */
public final class DirectWriteGroupStore implements GroupStore {
  private record EntryKey(GroupId groupId, long version) {}

  private final GroupStore store;
  private final Map<EntryKey, LogEntry> overwritten = new ConcurrentHashMap<>();

  DirectWriteGroupStore(GroupStore store) {
    this.store = store;
  }

  /**
   * Replaces the stored entry of {@code entry}'s group and version with {@code entry}, bypassing
   * the server: from now on every read of the log returns it.
   *
   * @throws IllegalArgumentException if the log has no entry at that version
   */
  public void overwrite(LogEntry entry) {
    if (store.readLog(entry.groupId(), entry.version(), 1).isEmpty()) {
      throw new IllegalArgumentException("no stored entry at that version");
    }
    overwritten.put(new EntryKey(entry.groupId(), entry.version()), entry);
  }

  @Override
  public boolean create(GroupState initial) {
    return store.create(initial);
  }

  @Override
  public @Nullable GroupState load(GroupId groupId) {
    return store.load(groupId);
  }

  @Override
  public boolean compareAndSet(
      long expectedVersion, GroupState next, LogEntry entry, @Nullable EpochPackages packages) {
    return store.compareAndSet(expectedVersion, next, entry, packages);
  }

  @Override
  public List<LogEntry> readLog(GroupId groupId, long fromVersion, int limit) {
    List<LogEntry> entries = store.readLog(groupId, fromVersion, limit);
    if (overwritten.isEmpty()) {
      return entries;
    }
    List<LogEntry> stored = new ArrayList<>(entries);
    stored.replaceAll(e -> overwritten.getOrDefault(new EntryKey(groupId, e.version()), e));
    return stored;
  }

  @Override
  public byte @Nullable [] keyPackage(GroupId groupId, long epoch, UUID member) {
    return store.keyPackage(groupId, epoch, member);
  }
}
