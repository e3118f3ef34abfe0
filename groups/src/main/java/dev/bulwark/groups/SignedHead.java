package dev.bulwark.groups;

import dev.bulwark.groups.internal.Checks;
import dev.bulwark.groups.internal.Ed25519s;
import dev.bulwark.groups.internal.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The server's signed statement that entry {@link #version()} of a group's change log has hash
 * {@link #hash()} (for version 0, an empty log: {@link LogEntry#genesisHash}).
 *
 * <p><b>What it guarantees.</b> Each entry's hash covers the previous entry's hash, so the hash of
 * entry {@code v} fixes entries 1 to {@code v} exactly (SHA-256 collision resistance): a run of
 * entries that hash-links up to a valid head is exactly the history the server accepted up to that
 * version, with nothing inserted, dropped, reordered or edited. The server signs a head only over
 * an entry hash that it sealed itself when it appended the entry (see {@link LogEntry}), so an
 * entry rewritten in the store never gets a signed head. Two valid heads with the same group and
 * version and different hashes are transferable proof that the server forked the log.
 *
 * <p><b>What it does not guarantee.</b> Nothing about entries after {@link #version()}: a reader
 * must not accept entries past the head as authentic, and {@link ChangeLog#verify} refuses them.
 * Nothing about freshness: a head may be older than the group's current version, so a reader that
 * must not be rolled back keeps the newest head it has seen and refuses an older one.
 *
 * <p>Signature: Ed25519 (RFC 8032) by the server's key over {@code "bulwark-groups/head/v1" || 0x00
 * || groupId (32) || u64 version || hash (32)}. Transmitted as its four fields. Immutable; {@code
 * toString()} prints the version only.
 */
public final class SignedHead {
  private static final byte[] DOMAIN =
      "bulwark-groups/head/v1\0".getBytes(StandardCharsets.US_ASCII);

  private final GroupId groupId;
  private final long version;
  private final byte[] hash;
  private final byte[] signature;

  private SignedHead(GroupId groupId, long version, byte[] hash, byte[] signature) {
    this.groupId = groupId;
    this.version = version;
    this.hash = hash;
    this.signature = signature;
  }

  /**
   * Rebuilds a head from its transmitted fields. Nothing is verified here; use {@link
   * ChangeLog#verify} or {@link #verifies(byte[])}.
   *
   * @throws IllegalArgumentException if {@code version} is negative, {@code hash} is not 32 bytes
   *     or {@code signature} is not 64 bytes
   */
  public static SignedHead of(GroupId groupId, long version, byte[] hash, byte[] signature) {
    Checks.requireNonNull(groupId, "groupId");
    Checks.requireInRange("version", version, 0, Long.MAX_VALUE);
    Checks.requireArgument(hash.length == Hashes.LENGTH, "hash must be %d bytes", Hashes.LENGTH);
    Checks.requireArgument(
        signature.length == Ed25519s.SIGNATURE_LENGTH,
        "signature must be %d bytes",
        Ed25519s.SIGNATURE_LENGTH);
    return new SignedHead(groupId, version, hash.clone(), signature.clone());
  }

  static SignedHead sign(GroupId groupId, long version, byte[] hash, SigningKey serverKey) {
    byte[] h = hash.clone();
    return new SignedHead(groupId, version, h, serverKey.sign(signingInput(groupId, version, h)));
  }

  /** The bytes the server signs for a head. */
  static byte[] signingInput(GroupId groupId, long version, byte[] hash) {
    byte[] in = new byte[DOMAIN.length + GroupId.LENGTH + 8 + Hashes.LENGTH];
    int o = DOMAIN.length;
    System.arraycopy(DOMAIN, 0, in, 0, o);
    System.arraycopy(groupId.toBytes(), 0, in, o, GroupId.LENGTH);
    o += GroupId.LENGTH;
    for (int shift = 56; shift >= 0; shift -= 8) {
      in[o++] = (byte) (version >>> shift);
    }
    System.arraycopy(hash, 0, in, o, Hashes.LENGTH);
    return in;
  }

  /** Whether the signature verifies with {@code serverPublicKey} over these fields. */
  public boolean verifies(byte[] serverPublicKey) {
    Checks.requireNonNull(serverPublicKey, "serverPublicKey");
    return Ed25519s.verify(serverPublicKey, signingInput(groupId, version, hash), signature);
  }

  /** The group. */
  public GroupId groupId() {
    return groupId;
  }

  /** The version of the last entry this head covers; 0 for the empty log. */
  public long version() {
    return version;
  }

  /** A copy of the hash of entry {@link #version()} (the genesis hash for version 0). */
  public byte[] hash() {
    return hash.clone();
  }

  /** A copy of the server's 64-byte signature. */
  public byte[] signature() {
    return signature.clone();
  }

  boolean hashEquals(byte[] other) {
    return MessageDigest.isEqual(hash, other);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedHead h
        && groupId.equals(h.groupId)
        && version == h.version
        && Arrays.equals(hash, h.hash)
        && Arrays.equals(signature, h.signature);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hash) * 31 + Long.hashCode(version);
  }

  @Override
  public String toString() {
    return "SignedHead[version=" + version + "]";
  }
}
