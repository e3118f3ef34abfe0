package dev.bulwark.storage.spi;

import dev.bulwark.storage.memory.MemoryWrappedKeyStore;
import java.util.List;
import java.util.Optional;

/**
 * Where recipients' wrapped data keys live. Deleting a recipient's keys here is what shreds their
 * data: keep this store out of the blob store's backups, or at least on a shorter retention.
 *
 * <p>Implementations must be thread-safe, and each method must be one atomic state transition. A
 * store whose backend may be unreachable throws {@link StoreUnavailableException} from any method
 * when it gets no answer in time; the in-memory store never does. Null arguments throw {@link
 * NullPointerException}.
 */
public interface WrappedKeyStore {

  /** An in-memory store on Caffeine. */
  static WrappedKeyStore inMemory() {
    return new MemoryWrappedKeyStore();
  }

  /**
   * Adds a data key unless {@code ref} already has one with its ID.
   *
   * @return whether it was added
   */
  boolean putIfAbsent(RecipientRef ref, WrappedDataKey key);

  /** Returns {@code ref}'s data key with this ID, if any. */
  Optional<WrappedDataKey> get(RecipientRef ref, int keyId);

  /** Returns all of {@code ref}'s data keys, newest first. */
  List<WrappedDataKey> list(RecipientRef ref);

  /**
   * Replaces {@code expected} by {@code replacement} (same key ID) if {@code expected} is still the
   * stored value.
   *
   * @return whether it was replaced
   * @throws IllegalArgumentException if the two keys' IDs differ; nothing is changed
   */
  boolean replace(RecipientRef ref, WrappedDataKey expected, WrappedDataKey replacement);

  /** Deletes every data key of {@code ref}; returns how many. */
  int deleteAll(RecipientRef ref);

  /** Deletes every data key created before {@code epochSecond}; returns how many. */
  int deleteCreatedBefore(long epochSecond);

  /** A snapshot of the recipients that have data keys. */
  List<RecipientRef> references();
}
