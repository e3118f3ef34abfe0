package dev.bulwark.groups;

import dev.bulwark.groups.spi.GroupStore;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A store that returns one log entry rewritten: what an insider with write access to the storage
 * could do. Everything else is delegated to the real store.
 */
final class RewritingStore implements GroupStore {
  private final GroupStore delegate;
  private final long version;
  private final UnaryOperator<LogEntry> rewrite;

  RewritingStore(GroupStore delegate, long version, UnaryOperator<LogEntry> rewrite) {
    this.delegate = delegate;
    this.version = version;
    this.rewrite = rewrite;
  }

  @Override
  public boolean create(GroupState initial) {
    return delegate.create(initial);
  }

  @Override
  public @Nullable GroupState load(GroupId groupId) {
    return delegate.load(groupId);
  }

  @Override
  public boolean compareAndSet(
      long expectedVersion, GroupState next, LogEntry entry, @Nullable EpochPackages packages) {
    return delegate.compareAndSet(expectedVersion, next, entry, packages);
  }

  @Override
  public List<LogEntry> readLog(GroupId groupId, long fromVersion, int limit) {
    List<LogEntry> out = new ArrayList<>(delegate.readLog(groupId, fromVersion, limit));
    out.replaceAll(e -> e.version() == version ? rewrite.apply(e) : e);
    return out;
  }

  @Override
  public byte @Nullable [] keyPackage(GroupId groupId, long epoch, UUID member) {
    return delegate.keyPackage(groupId, epoch, member);
  }
}
