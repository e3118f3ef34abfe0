package dev.bulwark.storage.memory;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bulwark.storage.RecordId;
import dev.bulwark.storage.spi.BlobEntry;
import dev.bulwark.storage.spi.BlobStore;
import dev.bulwark.storage.spi.RecipientRef;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * The in-memory {@link BlobStore}: one insertion-ordered queue per recipient reference in a
 * Caffeine map. Every method runs inside the map's per-key atomic {@code compute}, so each is one
 * atomic transition per recipient; a queue that becomes empty is removed. Thread-safe.
 */
public final class MemoryBlobStore implements BlobStore {
  private final ConcurrentMap<RecipientRef, LinkedHashMap<RecordId, BlobEntry>> queues =
      Caffeine.newBuilder().<RecipientRef, LinkedHashMap<RecordId, BlobEntry>>build().asMap();

  /** Creates an empty store. */
  public MemoryBlobStore() {}

  @Override
  public void put(RecipientRef ref, BlobEntry entry) {
    queues.compute(
        ref,
        (k, q) -> {
          LinkedHashMap<RecordId, BlobEntry> queue = q == null ? new LinkedHashMap<>() : q;
          if (queue.containsKey(entry.id())) {
            throw new IllegalStateException("record id already stored for this recipient");
          }
          queue.put(entry.id(), entry);
          return queue;
        });
  }

  /** Runs {@code reader} on {@code ref}'s queue, if any, under the map's per-key lock. */
  private void read(RecipientRef ref, Consumer<LinkedHashMap<RecordId, BlobEntry>> reader) {
    queues.computeIfPresent(
        ref,
        (k, q) -> {
          reader.accept(q);
          return q;
        });
  }

  @Override
  public Optional<BlobEntry> get(RecipientRef ref, RecordId id) {
    BlobEntry[] found = new BlobEntry[1];
    read(ref, q -> found[0] = q.get(id));
    return Optional.ofNullable(found[0]);
  }

  @Override
  public boolean delete(RecipientRef ref, RecordId id) {
    boolean[] deleted = new boolean[1];
    queues.computeIfPresent(
        ref,
        (k, q) -> {
          deleted[0] = q.remove(id) != null;
          return q.isEmpty() ? null : q;
        });
    return deleted[0];
  }

  @Override
  public List<BlobEntry> list(RecipientRef ref, long nowEpochSecond, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    List<BlobEntry> out = new ArrayList<>();
    queues.computeIfPresent(
        ref,
        (k, q) -> {
          for (BlobEntry e : q.values()) {
            if (out.size() >= limit) {
              break;
            }
            if (!e.isExpiredAt(nowEpochSecond)) {
              out.add(e);
            }
          }
          return q;
        });
    return out;
  }

  @Override
  public long count(RecipientRef ref, long nowEpochSecond) {
    long[] n = new long[1];
    read(ref, q -> n[0] = q.values().stream().filter(e -> !e.isExpiredAt(nowEpochSecond)).count());
    return n[0];
  }

  @Override
  public int deleteAll(RecipientRef ref) {
    LinkedHashMap<RecordId, BlobEntry> removed = queues.remove(ref);
    return removed == null ? 0 : removed.size();
  }

  @Override
  public int deleteExpired(long nowEpochSecond) {
    int[] n = new int[1];
    for (RecipientRef ref : List.copyOf(queues.keySet())) {
      queues.computeIfPresent(
          ref,
          (k, q) -> {
            for (Iterator<BlobEntry> it = q.values().iterator(); it.hasNext(); ) {
              if (it.next().isExpiredAt(nowEpochSecond)) {
                it.remove();
                n[0]++;
              }
            }
            return q.isEmpty() ? null : q;
          });
    }
    return n[0];
  }

  /**
   * A deep copy of everything stored, as a backup or a thief would see it. The copy is independent
   * of this store.
   */
  public MemoryBlobStore snapshot() {
    MemoryBlobStore copy = new MemoryBlobStore();
    for (RecipientRef ref : List.copyOf(queues.keySet())) {
      read(ref, q -> copy.queues.put(ref, new LinkedHashMap<>(q)));
    }
    return copy;
  }

  /** A snapshot of the recipient references that have records. */
  public List<RecipientRef> references() {
    return List.copyOf(queues.keySet());
  }
}
