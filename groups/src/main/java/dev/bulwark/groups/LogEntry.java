package dev.bulwark.groups;

import dev.bulwark.groups.internal.Checks;
import dev.bulwark.groups.internal.Ed25519s;
import dev.bulwark.groups.internal.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * One entry of a group's change log: the accepted change (in its canonical encoding, author
 * signature included), the version it produced, the hash of the previous entry, and the server's
 * Ed25519 signature over this entry's hash.
 *
 * <p>The hash is always recomputed from the content, never stored, so editing any field breaks
 * either the chain or the server signature: {@code SHA-256("bulwark-groups/log/v1" || 0x00 ||
 * groupId || u64 version || previousHash || u32 length || change)}. The first entry (version 1)
 * links to {@link #genesisHash(GroupId)}.
 *
 * <p>Immutable; byte arrays are copied in and out. {@code toString()} prints the version only.
 */
public final class LogEntry {
  private static final byte[] DOMAIN =
      "bulwark-groups/log/v1\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] GENESIS_DOMAIN =
      "bulwark-groups/log/genesis/v1\0".getBytes(StandardCharsets.US_ASCII);

  private final GroupId groupId;
  private final long version;
  private final byte[] change;
  private final byte[] previousHash;
  private final byte[] hash;
  private final byte[] serverSignature;

  private LogEntry(
      GroupId groupId, long version, byte[] change, byte[] previousHash, byte[] serverSignature) {
    this.groupId = groupId;
    this.version = version;
    this.change = change;
    this.previousHash = previousHash;
    this.serverSignature = serverSignature;
    this.hash = computeHash(groupId, version, previousHash, change);
  }

  /**
   * Rebuilds an entry from its stored fields (for {@link dev.bulwark.groups.spi.GroupStore}
   * implementations). Nothing is verified here; use {@link ChangeLog#verify}.
   */
  public static LogEntry of(
      GroupId groupId, long version, byte[] change, byte[] previousHash, byte[] serverSignature) {
    Checks.requireNonNull(groupId, "groupId");
    Checks.requireInRange("version", version, 1, Long.MAX_VALUE);
    Checks.requireArgument(
        previousHash.length == Hashes.LENGTH, "previousHash must be %d bytes", Hashes.LENGTH);
    return new LogEntry(
        groupId, version, change.clone(), previousHash.clone(), serverSignature.clone());
  }

  static LogEntry sign(
      GroupId groupId, long version, byte[] change, byte[] previousHash, SigningKey serverKey) {
    byte[] hash = computeHash(groupId, version, previousHash, change);
    return new LogEntry(groupId, version, change, previousHash, serverKey.sign(hash));
  }

  /** The hash the first entry of {@code groupId}'s log links to. */
  public static byte[] genesisHash(GroupId groupId) {
    MessageDigest d = Hashes.sha256();
    d.update(GENESIS_DOMAIN);
    d.update(groupId.toBytes());
    return d.digest();
  }

  private static byte[] computeHash(
      GroupId groupId, long version, byte[] previousHash, byte[] change) {
    MessageDigest d = Hashes.sha256();
    d.update(DOMAIN);
    d.update(groupId.toBytes());
    for (int shift = 56; shift >= 0; shift -= 8) {
      d.update((byte) (version >>> shift));
    }
    d.update(previousHash);
    for (int shift = 24; shift >= 0; shift -= 8) {
      d.update((byte) (change.length >>> shift));
    }
    d.update(change);
    return d.digest();
  }

  boolean serverSignatureVerifies(byte[] serverPublicKey) {
    return Ed25519s.verify(serverPublicKey, hash, serverSignature);
  }

  /** The group. */
  public GroupId groupId() {
    return groupId;
  }

  /** The version the change produced. */
  public long version() {
    return version;
  }

  /** A copy of the change's canonical encoding ({@link GroupChangeCodec#decode} reads it). */
  public byte[] change() {
    return change.clone();
  }

  /** A copy of the previous entry's hash. */
  public byte[] previousHash() {
    return previousHash.clone();
  }

  /** A copy of this entry's hash, recomputed from its content. */
  public byte[] hash() {
    return hash.clone();
  }

  /** A copy of the server's signature over {@link #hash()}. */
  public byte[] serverSignature() {
    return serverSignature.clone();
  }

  boolean linksTo(byte[] expectedPreviousHash) {
    return MessageDigest.isEqual(previousHash, expectedPreviousHash);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogEntry e
        && groupId.equals(e.groupId)
        && version == e.version
        && Arrays.equals(change, e.change)
        && Arrays.equals(previousHash, e.previousHash)
        && Arrays.equals(serverSignature, e.serverSignature);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return "LogEntry[version=" + version + "]";
  }
}
