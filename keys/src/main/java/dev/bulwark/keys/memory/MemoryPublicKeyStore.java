package dev.bulwark.keys.memory;

import dev.bulwark.keys.DeviceAddress;
import dev.bulwark.keys.spi.DeviceKeys;
import dev.bulwark.keys.spi.PublicKeyStore;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory {@link PublicKeyStore}: a {@link ConcurrentHashMap} whose per-key {@code compute}
 * makes every method atomic. Thread-safe; state lives as long as the instance.
 */
public final class MemoryPublicKeyStore implements PublicKeyStore {
  private final ConcurrentHashMap<DeviceAddress, DeviceKeys> devices = new ConcurrentHashMap<>();

  /** An empty store. */
  public MemoryPublicKeyStore() {}

  @Override
  public @Nullable DeviceKeys get(DeviceAddress device) {
    return devices.get(device);
  }

  @Override
  public boolean compareAndSet(DeviceAddress device, long expectedVersion, DeviceKeys next) {
    boolean[] stored = {false};
    devices.compute(
        device,
        (k, current) -> {
          long currentVersion = current == null ? 0 : current.version();
          if (currentVersion != expectedVersion) {
            return current;
          }
          stored[0] = true;
          return next;
        });
    return stored[0];
  }

  @Override
  public @Nullable DeviceKeys takeOneTimePreKey(DeviceAddress device) {
    AtomicReference<@Nullable DeviceKeys> before = new AtomicReference<>();
    devices.computeIfPresent(
        device,
        (k, current) -> {
          before.set(current);
          if (current.identityKey() == null
              || current.signedPreKey() == null
              || current.oneTimePreKeys().isEmpty()) {
            return current;
          }
          return current.withoutFirstOneTimePreKey();
        });
    return before.get();
  }
}
