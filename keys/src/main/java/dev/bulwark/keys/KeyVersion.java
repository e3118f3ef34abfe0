package dev.bulwark.keys;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What can be said about one version of a {@link KeyRing} without its material.
 *
 * @param version the version number, from 1
 * @param state the effective state: {@link KeyState#REVOKED} also when the version is below the
 *     ring's minimum decryption version
 * @param primary whether new encryptions use this version
 * @param createdAt when the version was generated
 * @param revocationReason why it was revoked by {@link KeyRing#revoke}, if it was
 * @param changedAt when it was last revoked or destroyed, if it was
 */
public record KeyVersion(
    int version,
    KeyState state,
    boolean primary,
    Instant createdAt,
    @Nullable RevocationReason revocationReason,
    @Nullable Instant changedAt) {}
