package dev.bulwark.keys.spi;

import dev.bulwark.keys.KeyState;
import dev.bulwark.keys.RevocationReason;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One version of a key ring as persisted. The material is only ever present wrapped by the master
 * key, and is absent once the version is destroyed.
 *
 * @param version the version number, from 1
 * @param state the version's own state (the ring's minimum decryption version applies on top)
 * @param createdAt when the version was generated
 * @param wrappedMaterial the material wrapped by the master key; null iff destroyed
 * @param revocationReason why it was revoked, if it is
 * @param changedAt when it was last revoked or destroyed, if it was
 */
public record StoredKeyVersion(
    int version,
    KeyState state,
    Instant createdAt,
    byte @Nullable [] wrappedMaterial,
    @Nullable RevocationReason revocationReason,
    @Nullable Instant changedAt) {

  /** Checks that material is present exactly when the version is not destroyed. */
  public StoredKeyVersion {
    if ((wrappedMaterial == null) != (state == KeyState.DESTROYED)) {
      throw new IllegalArgumentException("wrappedMaterial must be absent exactly when destroyed");
    }
    wrappedMaterial = wrappedMaterial == null ? null : wrappedMaterial.clone();
  }

  /** A copy of the wrapped material, or null if destroyed. */
  @Override
  public byte @Nullable [] wrappedMaterial() {
    return wrappedMaterial == null ? null : wrappedMaterial.clone();
  }

  /** This version in {@code newState}, with the given reason and time. */
  public StoredKeyVersion withState(
      KeyState newState, @Nullable RevocationReason reason, @Nullable Instant at) {
    return new StoredKeyVersion(
        version,
        newState,
        createdAt,
        newState == KeyState.DESTROYED ? null : wrappedMaterial,
        reason,
        at);
  }

  @Override
  public String toString() {
    return "StoredKeyVersion[version=" + version + ", state=" + state + "]";
  }
}
