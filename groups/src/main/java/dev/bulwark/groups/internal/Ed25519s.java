package dev.bulwark.groups.internal;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** Ed25519 (RFC 8032, pure) through Bouncy Castle's low-level implementation. */
public final class Ed25519s {
  /** Length of a public key, a private key seed, in bytes. */
  public static final int KEY_LENGTH = 32;

  /** Length of a signature, in bytes. */
  public static final int SIGNATURE_LENGTH = 64;

  private Ed25519s() {}

  /** Whether {@code publicKey} is a canonical point of prime order (rejects small-order keys). */
  public static boolean isValidPublicKey(byte[] publicKey) {
    return publicKey.length == KEY_LENGTH && Ed25519.validatePublicKeyFull(publicKey, 0);
  }

  /** Derives the public key of a 32-byte private seed. */
  public static byte[] publicKey(byte[] seed) {
    byte[] pk = new byte[KEY_LENGTH];
    Ed25519.generatePublicKey(seed, 0, pk, 0);
    return pk;
  }

  /** Signs {@code message} with the 32-byte private seed. */
  public static byte[] sign(byte[] seed, byte[] message) {
    byte[] sig = new byte[SIGNATURE_LENGTH];
    Ed25519.sign(seed, 0, message, 0, message.length, sig, 0);
    return sig;
  }

  /** Verifies; any length mismatch is a plain {@code false}, never an exception. */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey.length != KEY_LENGTH || signature.length != SIGNATURE_LENGTH) {
      return false;
    }
    return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
  }
}
