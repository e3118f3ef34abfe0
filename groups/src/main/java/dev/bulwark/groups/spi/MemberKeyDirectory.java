package dev.bulwark.groups.spi;

import java.util.UUID;

/**
 * The registered Ed25519 public key of each user who may author changes. The host keeps it (for
 * example in {@code bulwark-keys}); the in-memory default is {@link
 * dev.bulwark.groups.memory.MemoryMemberKeyDirectory}. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface MemberKeyDirectory {

  /** The user's 32-byte public key, or {@code null} if none is registered. */
  byte @org.jspecify.annotations.Nullable [] publicKey(UUID user);
}
