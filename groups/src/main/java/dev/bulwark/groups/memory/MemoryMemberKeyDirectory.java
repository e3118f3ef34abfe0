package dev.bulwark.groups.memory;

import dev.bulwark.groups.internal.Checks;
import dev.bulwark.groups.internal.Ed25519s;
import dev.bulwark.groups.spi.MemberKeyDirectory;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A thread-safe in-memory {@link MemberKeyDirectory}. Registration rejects keys that are not
 * canonical points of prime order, so no small-order key can make a forged signature verify.
 */
public final class MemoryMemberKeyDirectory implements MemberKeyDirectory {
  private final Map<UUID, byte[]> keys = new ConcurrentHashMap<>();

  private MemoryMemberKeyDirectory() {}

  /** An empty directory. */
  public static MemoryMemberKeyDirectory create() {
    return new MemoryMemberKeyDirectory();
  }

  /**
   * Registers (or replaces) {@code user}'s public key.
   *
   * @throws IllegalArgumentException if the key is not a valid 32-byte Ed25519 public key
   */
  public void register(UUID user, byte[] publicKey) {
    Checks.requireNonNull(user, "user");
    Checks.requireNonNull(publicKey, "publicKey");
    Checks.requireArgument(
        Ed25519s.isValidPublicKey(publicKey), "publicKey must be a valid Ed25519 public key");
    keys.put(user, publicKey.clone());
  }

  @Override
  public byte @Nullable [] publicKey(UUID user) {
    byte[] k = keys.get(user);
    return k == null ? null : k.clone();
  }
}
