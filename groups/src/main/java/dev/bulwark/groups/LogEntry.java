package dev.bulwark.groups;

import dev.bulwark.groups.internal.Checks;
import dev.bulwark.groups.internal.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * One entry of a group's change log (log format version 2): the accepted change (in its canonical
 * encoding, author signature included), the version it produced, the hash of the previous entry,
 * and the server's seal.
 *
 * <p>The hash is always recomputed from the content, never stored: {@code
 * SHA-256("bulwark-groups/log/v2" || 0x00 || groupId || u64 version || previousHash || u32 length
 * || change)}. The first entry (version 1) links to {@link #genesisHash(GroupId)}. Entries are not
 * signed one by one: the server signs {@link SignedHead heads}, and a head for version {@code v}
 * authenticates every entry up to {@code v} through the chain (see {@link ChangeLog#verify}).
 *
 * <p>The seal is HMAC-SHA256 of the hash under a key derived from the server's signing key (see
 * {@link SigningKey}). Only the server can make or check it, and clients ignore it: it lets the
 * server refuse to extend the chain or sign a head over an entry it did not write, so an entry
 * rewritten in the store is never covered by a signed head.
 *
 * <p>Immutable; byte arrays are copied in and out. {@code toString()} prints the version only.
 */
public final class LogEntry {
  private static final byte[] DOMAIN =
      "bulwark-groups/log/v2\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] GENESIS_DOMAIN =
      "bulwark-groups/log/genesis/v1\0".getBytes(StandardCharsets.US_ASCII);

  private final GroupId groupId;
  private final long version;
  private final byte[] change;
  private final byte[] previousHash;
  private final byte[] hash;
  private final byte[] seal;

  private LogEntry(
      GroupId groupId, long version, byte[] change, byte[] previousHash, byte[] hash, byte[] seal) {
    this.groupId = groupId;
    this.version = version;
    this.change = change;
    this.previousHash = previousHash;
    this.hash = hash;
    this.seal = seal;
  }

  /**
   * Rebuilds an entry from its stored fields (for {@link dev.bulwark.groups.spi.GroupStore}
   * implementations). Nothing is verified here; use {@link ChangeLog#verify}.
   *
   * @throws IllegalArgumentException if {@code version} is below 1 or {@code previousHash} or
   *     {@code seal} is not 32 bytes
   */
  public static LogEntry of(
      GroupId groupId, long version, byte[] change, byte[] previousHash, byte[] seal) {
    Checks.requireNonNull(groupId, "groupId");
    Checks.requireInRange("version", version, 1, Long.MAX_VALUE);
    Checks.requireNonNull(change, "change");
    Checks.requireArgument(
        previousHash.length == Hashes.LENGTH, "previousHash must be %d bytes", Hashes.LENGTH);
    Checks.requireArgument(
        seal.length == SigningKey.SEAL_LENGTH, "seal must be %d bytes", SigningKey.SEAL_LENGTH);
    byte[] c = change.clone();
    byte[] p = previousHash.clone();
    return new LogEntry(groupId, version, c, p, computeHash(groupId, version, p, c), seal.clone());
  }

  /** A new entry sealed by {@code serverKey}; takes ownership of the arrays. */
  static LogEntry seal(
      GroupId groupId, long version, byte[] change, byte[] previousHash, SigningKey serverKey) {
    byte[] hash = computeHash(groupId, version, previousHash, change);
    return new LogEntry(groupId, version, change, previousHash, hash, serverKey.seal(hash));
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

  /** Whether {@code serverKey} sealed this entry's recomputed hash. */
  boolean sealedBy(SigningKey serverKey) {
    return serverKey.sealMatches(hash, seal);
  }

  /** Whether the key {@code retired} was made from sealed this entry's recomputed hash. */
  boolean sealedBy(RetiredServerKey retired) {
    return retired.sealMatches(hash, seal);
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

  /** A copy of the server's 32-byte seal over {@link #hash()} (only the server can check it). */
  public byte[] seal() {
    return seal.clone();
  }

  /** The hash without a copy, for this package's verification. */
  byte[] hashRef() {
    return hash;
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
        && Arrays.equals(seal, e.seal);
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
