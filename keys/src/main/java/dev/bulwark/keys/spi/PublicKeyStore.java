package dev.bulwark.keys.spi;

import dev.bulwark.keys.DeviceAddress;
import dev.bulwark.keys.memory.MemoryPublicKeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Where the directory keeps client public keys. Implementations must be thread-safe and every
 * method must be one atomic state transition (one Lua script, one SQL transaction).
 */
public interface PublicKeyStore {

  /** A new in-memory store. */
  static PublicKeyStore inMemory() {
    return new MemoryPublicKeyStore();
  }

  /** The current snapshot for {@code device}, or null if none is stored. */
  @Nullable DeviceKeys get(DeviceAddress device);

  /**
   * Atomically replaces the snapshot for {@code device} with {@code next} if the stored snapshot
   * still has {@code expectedVersion} (0 meaning none is stored).
   *
   * @return whether {@code next} was stored
   */
  boolean compareAndSet(DeviceAddress device, long expectedVersion, DeviceKeys next);

  /**
   * Atomically takes the first one-time prekey of {@code device} for a bundle: if the snapshot has
   * an identity key and a signed prekey, removes its first one-time prekey (if any) and increments
   * its version. Returns the snapshot as it was just before, so the caller serves exactly that
   * snapshot's keys, and its first one-time prekey (if any) is the one this call took. Each stored
   * one-time prekey is taken by at most one call, however many run concurrently.
   *
   * @return the snapshot before the take, or null if none is stored
   */
  @Nullable DeviceKeys takeOneTimePreKey(DeviceAddress device);

  /**
   * The asynchronous form of {@link #takeOneTimePreKey}, for stores that do I/O; the same
   * atomicity. The default runs {@link #takeOneTimePreKey} in the calling thread, which suits
   * stores that never block.
   */
  default CompletionStage<@Nullable DeviceKeys> takeOneTimePreKeyAsync(DeviceAddress device) {
    try {
      return CompletableFuture.completedFuture(takeOneTimePreKey(device));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
