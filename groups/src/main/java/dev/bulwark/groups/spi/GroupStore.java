package dev.bulwark.groups.spi;

import dev.bulwark.groups.EpochPackages;
import dev.bulwark.groups.GroupId;
import dev.bulwark.groups.GroupState;
import dev.bulwark.groups.LogEntry;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where groups live: state, change log and key packages. Implementations must be thread-safe, and
 * each method must be one atomic state transition: in particular {@link #compareAndSet} stores the
 * new state, appends the log entry and stores the epoch's key packages together or not at all (one
 * Lua script in Redis, one transaction in SQL), which is what guarantees that of two changes for
 * the same version exactly one is applied and that the log never diverges from the state. The
 * in-memory default is {@link dev.bulwark.groups.memory.MemoryGroupStore}.
 */
public interface GroupStore {

  /**
   * Stores a new group at version 0 unless one with its ID exists.
   *
   * @return whether it was stored
   */
  boolean create(GroupState initial);

  /** The current state, or {@code null} if there is no such group. */
  @Nullable GroupState load(GroupId groupId);

  /**
   * Atomically: if the stored version of {@code next.groupId()} is {@code expectedVersion}, replace
   * the state with {@code next}, append {@code entry} (whose version is {@code next.version()}),
   * and if {@code packages} is not null store them for their epoch.
   *
   * @return whether it happened; {@code false} leaves everything unchanged
   */
  boolean compareAndSet(
      long expectedVersion, GroupState next, LogEntry entry, @Nullable EpochPackages packages);

  /**
   * Up to {@code limit} log entries of {@code groupId} from {@code fromVersion} on, in order; empty
   * if there are none.
   */
  List<LogEntry> readLog(GroupId groupId, long fromVersion, int limit);

  /** {@code member}'s package for {@code epoch}, or {@code null} if it has none. */
  byte @Nullable [] keyPackage(GroupId groupId, long epoch, UUID member);
}
