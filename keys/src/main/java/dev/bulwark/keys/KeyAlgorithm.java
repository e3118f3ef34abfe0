package dev.bulwark.keys;

import dev.bulwark.keys.internal.Crypto;

/**
 * The public-key algorithms the directory accepts, each with its wire type byte.
 *
 * <p>Identity keys sign, so they must use a signing algorithm ({@link #ED25519}); prekeys may use
 * {@link #X25519} (key agreement) or {@link #ED25519}.
 */
public enum KeyAlgorithm {
  /** Ed25519 (RFC 8032): 32-byte keys, 64-byte signatures; keys must be valid group points. */
  ED25519((byte) 0x01, 32, true),
  /** X25519 (RFC 7748) key agreement: 32-byte keys; the type byte is Signal's Curve25519 0x05. */
  X25519((byte) 0x05, 32, false);

  private final byte typeByte;
  private final int keyLength;
  private final boolean signs;

  KeyAlgorithm(byte typeByte, int keyLength, boolean signs) {
    this.typeByte = typeByte;
    this.keyLength = keyLength;
    this.signs = signs;
  }

  /** The byte that precedes the raw key in {@link ClientPublicKey#encoded()}. */
  public byte typeByte() {
    return typeByte;
  }

  /** The length of a raw public key in bytes. */
  public int keyLength() {
    return keyLength;
  }

  /** Whether keys of this algorithm can verify signatures (and so serve as identity keys). */
  public boolean signs() {
    return signs;
  }

  /** Whether {@code raw} (of the right length) is an acceptable public key of this algorithm. */
  boolean isValidKey(byte[] raw) {
    if (raw.length != keyLength) {
      return false;
    }
    if (this == ED25519) {
      return Crypto.isValidEd25519PublicKey(raw);
    }
    // X25519: every 32-byte string is a u-coordinate; reject the all-zero key (a low-order point).
    int or = 0;
    for (byte b : raw) {
      or |= b;
    }
    return or != 0;
  }
}
