package dev.bulwark.storage.memory;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bulwark.storage.spi.RecipientRef;
import dev.bulwark.storage.spi.WrappedDataKey;
import dev.bulwark.storage.spi.WrappedKeyStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;

/**
 * The in-memory {@link WrappedKeyStore}: each recipient's keys in a Caffeine map, every method
 * inside the map's per-key atomic {@code compute}. Thread-safe.
 */
public final class MemoryWrappedKeyStore implements WrappedKeyStore {
  private final ConcurrentMap<RecipientRef, Map<Integer, WrappedDataKey>> keys =
      Caffeine.newBuilder().<RecipientRef, Map<Integer, WrappedDataKey>>build().asMap();

  /** Creates an empty store. */
  public MemoryWrappedKeyStore() {}

  @Override
  public boolean putIfAbsent(RecipientRef ref, WrappedDataKey key) {
    boolean[] added = new boolean[1];
    keys.compute(
        ref,
        (k, m) -> {
          Map<Integer, WrappedDataKey> map = m == null ? new HashMap<>() : m;
          added[0] = map.putIfAbsent(key.keyId(), key) == null;
          return map;
        });
    return added[0];
  }

  @Override
  public Optional<WrappedDataKey> get(RecipientRef ref, int keyId) {
    WrappedDataKey[] found = new WrappedDataKey[1];
    keys.computeIfPresent(
        ref,
        (k, m) -> {
          found[0] = m.get(keyId);
          return m;
        });
    return Optional.ofNullable(found[0]);
  }

  @Override
  public List<WrappedDataKey> list(RecipientRef ref) {
    List<WrappedDataKey> out = new ArrayList<>();
    keys.computeIfPresent(
        ref,
        (k, m) -> {
          out.addAll(m.values());
          return m;
        });
    out.sort(Comparator.comparingLong(WrappedDataKey::createdAtEpochSecond).reversed());
    return out;
  }

  @Override
  public boolean replace(RecipientRef ref, WrappedDataKey expected, WrappedDataKey replacement) {
    if (expected.keyId() != replacement.keyId()) {
      throw new IllegalArgumentException("a replacement must keep the data key id");
    }
    boolean[] replaced = new boolean[1];
    keys.computeIfPresent(
        ref,
        (k, m) -> {
          replaced[0] = m.replace(expected.keyId(), expected, replacement);
          return m;
        });
    return replaced[0];
  }

  @Override
  public int deleteAll(RecipientRef ref) {
    Map<Integer, WrappedDataKey> removed = keys.remove(ref);
    return removed == null ? 0 : removed.size();
  }

  @Override
  public int deleteCreatedBefore(long epochSecond) {
    int[] n = new int[1];
    for (RecipientRef ref : List.copyOf(keys.keySet())) {
      keys.computeIfPresent(
          ref,
          (k, m) -> {
            int before = m.size();
            m.values().removeIf(key -> key.createdAtEpochSecond() < epochSecond);
            n[0] += before - m.size();
            return m.isEmpty() ? null : m;
          });
    }
    return n[0];
  }

  @Override
  public List<RecipientRef> references() {
    return List.copyOf(keys.keySet());
  }

  /** A deep copy of every wrapped key, as a backup would hold it. */
  public MemoryWrappedKeyStore snapshot() {
    MemoryWrappedKeyStore copy = new MemoryWrappedKeyStore();
    for (RecipientRef ref : List.copyOf(keys.keySet())) {
      keys.computeIfPresent(
          ref,
          (k, m) -> {
            copy.keys.put(ref, new HashMap<>(m));
            return m;
          });
    }
    return copy;
  }
}
