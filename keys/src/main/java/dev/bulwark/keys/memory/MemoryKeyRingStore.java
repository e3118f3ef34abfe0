package dev.bulwark.keys.memory;

import dev.bulwark.keys.spi.KeyRingStore;
import dev.bulwark.keys.spi.StoredKeyRing;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** The in-memory {@link KeyRingStore}, atomic through {@link ConcurrentHashMap#compute}. */
public final class MemoryKeyRingStore implements KeyRingStore {
  private final ConcurrentHashMap<String, StoredKeyRing> rings = new ConcurrentHashMap<>();

  /** An empty store. */
  public MemoryKeyRingStore() {}

  @Override
  public @Nullable StoredKeyRing load(String name) {
    return rings.get(name);
  }

  @Override
  public boolean compareAndSet(String name, long expectedRevision, StoredKeyRing next) {
    boolean[] stored = {false};
    rings.compute(
        name,
        (k, current) -> {
          long revision = current == null ? 0 : current.revision();
          if (revision != expectedRevision) {
            return current;
          }
          stored[0] = true;
          return next;
        });
    return stored[0];
  }
}
