package dev.bulwark.keys.spi;

import dev.bulwark.keys.memory.MemoryKeyRingStore;
import org.jspecify.annotations.Nullable;

/**
 * Where key rings are persisted, with optimistic concurrency: two nodes rotating the same ring at
 * once both try a compare-and-set from the same revision; one wins, the other sees {@code false},
 * reloads and decides again. Thread-safe; each method is atomic. The store only ever sees wrapped
 * material.
 */
public interface KeyRingStore {

  /** A new in-memory store. */
  static KeyRingStore inMemory() {
    return new MemoryKeyRingStore();
  }

  /** The ring named {@code name}, or null if there is none. */
  @Nullable StoredKeyRing load(String name);

  /**
   * Stores {@code next} if the stored ring still has {@code expectedRevision} (0: no ring stored).
   *
   * @return whether {@code next} was stored
   */
  boolean compareAndSet(String name, long expectedRevision, StoredKeyRing next);
}
