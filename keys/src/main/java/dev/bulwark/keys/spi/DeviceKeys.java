package dev.bulwark.keys.spi;

import dev.bulwark.keys.ClientPublicKey;
import dev.bulwark.keys.OneTimePreKey;
import dev.bulwark.keys.PreKeyType;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything the directory keeps for one device, as one immutable snapshot with a version for
 * compare-and-set.
 *
 * <p>Every signed key in a snapshot was verified against {@link #identityKey()} before it was
 * stored. Revocation marks outlive the keys they name (and survive {@link
 * dev.bulwark.keys.KeyDirectory#removeDevice}) so that a revoked key can never be uploaded again.
 *
 * @param version incremented by every change; 1 for the first snapshot
 * @param identityKey the identity key, or null after the device was removed (only marks remain)
 * @param signedPreKey the current signed prekey
 * @param previousSignedPreKey the replaced signed prekey, kept until {@code previousRetainedUntil}
 * @param previousRetainedUntil when the previous signed prekey is dropped
 * @param lastResortKey the last-resort key
 * @param oneTimePreKeys the one-time prekeys not yet served, in the order they will be served
 * @param revokedKeyIds revoked keys, each {@link #revocationMark(PreKeyType, int)}
 * @param revokedFingerprints fingerprints of revoked key values
 */
public record DeviceKeys(
    long version,
    @Nullable ClientPublicKey identityKey,
    @Nullable StoredSignedPreKey signedPreKey,
    @Nullable StoredSignedPreKey previousSignedPreKey,
    @Nullable Instant previousRetainedUntil,
    @Nullable StoredSignedPreKey lastResortKey,
    List<OneTimePreKey> oneTimePreKeys,
    Set<Long> revokedKeyIds,
    Set<String> revokedFingerprints) {

  /** Copies the collections. */
  public DeviceKeys {
    oneTimePreKeys = List.copyOf(oneTimePreKeys);
    revokedKeyIds = Set.copyOf(revokedKeyIds);
    revokedFingerprints = Set.copyOf(revokedFingerprints);
  }

  /** The first snapshot of a device with identity key {@code identityKey}. */
  public static DeviceKeys initial(ClientPublicKey identityKey) {
    return new DeviceKeys(1, identityKey, null, null, null, null, List.of(), Set.of(), Set.of());
  }

  /** The revocation mark of a key: its type and ID in one long. */
  public static long revocationMark(PreKeyType type, int keyId) {
    return ((long) type.ordinal() << 32) | keyId;
  }

  /** Whether the key of {@code type} and {@code keyId}, or with {@code fingerprint}, is revoked. */
  public boolean isRevoked(PreKeyType type, int keyId, String fingerprint) {
    return revokedKeyIds.contains(revocationMark(type, keyId))
        || revokedFingerprints.contains(fingerprint);
  }

  /** This snapshot without its first one-time prekey, one version later. */
  public DeviceKeys withoutFirstOneTimePreKey() {
    return next(
        identityKey,
        signedPreKey,
        previousSignedPreKey,
        previousRetainedUntil,
        lastResortKey,
        oneTimePreKeys.subList(1, oneTimePreKeys.size()));
  }

  /** A snapshot one version later with the given keys and the same revocation marks. */
  public DeviceKeys next(
      @Nullable ClientPublicKey identityKey,
      @Nullable StoredSignedPreKey signedPreKey,
      @Nullable StoredSignedPreKey previousSignedPreKey,
      @Nullable Instant previousRetainedUntil,
      @Nullable StoredSignedPreKey lastResortKey,
      List<OneTimePreKey> oneTimePreKeys) {
    return new DeviceKeys(
        version + 1,
        identityKey,
        signedPreKey,
        previousSignedPreKey,
        previousRetainedUntil,
        lastResortKey,
        oneTimePreKeys,
        revokedKeyIds,
        revokedFingerprints);
  }

  /** This snapshot one version later with one more revocation mark and fingerprint. */
  public DeviceKeys withRevocation(long mark, String fingerprint) {
    Set<Long> ids = new HashSet<>(revokedKeyIds);
    ids.add(mark);
    Set<String> prints = new HashSet<>(revokedFingerprints);
    prints.add(fingerprint);
    return new DeviceKeys(
        version + 1,
        identityKey,
        signedPreKey,
        previousSignedPreKey,
        previousRetainedUntil,
        lastResortKey,
        oneTimePreKeys,
        ids,
        prints);
  }
}
