package dev.bulwark.storage.spi;

import dev.bulwark.storage.RecordId;
import dev.bulwark.storage.memory.MemoryBlobStore;
import java.util.List;
import java.util.Optional;

/**
 * Where sealed records live. It sees only recipient references, record IDs, sealed bytes and expiry
 * seconds: never a raw recipient, a key or a payload.
 *
 * <p>Implementations must be thread-safe, and each method must be one atomic state transition (one
 * Lua script in Redis, one transaction in SQL). In particular {@link #delete} must report {@code
 * true} to exactly one of several concurrent callers.
 *
 * <p>A store whose backend may be unreachable throws {@link StoreUnavailableException} from any
 * method when it gets no answer in time; the in-memory store never does. Null arguments throw
 * {@link NullPointerException}.
 */
public interface BlobStore {

  /** An in-memory store on Caffeine. */
  static BlobStore inMemory() {
    return new MemoryBlobStore();
  }

  /**
   * Appends a record to {@code ref}'s queue.
   *
   * @throws IllegalStateException if {@code ref} already has a record with this ID; nothing is
   *     changed
   */
  void put(RecipientRef ref, BlobEntry entry);

  /** Returns the record, expired or not, if it is stored. */
  Optional<BlobEntry> get(RecipientRef ref, RecordId id);

  /**
   * Deletes one record atomically.
   *
   * @return whether this call deleted it (false if it was not there, or another call got it first)
   */
  boolean delete(RecipientRef ref, RecordId id);

  /**
   * Returns up to {@code limit} records of {@code ref} that are not expired at {@code
   * nowEpochSecond}, in the order they were put.
   *
   * @throws IllegalArgumentException if {@code limit} is under 1
   */
  List<BlobEntry> list(RecipientRef ref, long nowEpochSecond, int limit);

  /** Counts {@code ref}'s records that are not expired at {@code nowEpochSecond}. */
  long count(RecipientRef ref, long nowEpochSecond);

  /** Deletes every record of {@code ref}; returns how many. */
  int deleteAll(RecipientRef ref);

  /** Deletes every record expired at {@code nowEpochSecond}; returns how many. */
  int deleteExpired(long nowEpochSecond);
}
