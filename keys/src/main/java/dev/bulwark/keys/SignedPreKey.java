package dev.bulwark.keys;

import dev.bulwark.keys.internal.Checks;
import java.util.Arrays;

/**
 * A prekey signed by its device's identity key: used for the signed prekey and the last-resort key.
 *
 * <p>The signature is Ed25519 over {@link ClientPublicKey#encoded()} (type byte then raw key), as
 * in Signal. Immutable; the signature array is copied in and out.
 */
public final class SignedPreKey {
  /** Signature length for Ed25519. */
  public static final int SIGNATURE_LENGTH = 64;

  private final int keyId;
  private final ClientPublicKey publicKey;
  private final byte[] signature;

  private SignedPreKey(int keyId, ClientPublicKey publicKey, byte[] signature) {
    this.keyId = keyId;
    this.publicKey = publicKey;
    this.signature = signature;
  }

  /**
   * A signed prekey; the signature is checked by the directory on upload, not here.
   *
   * @throws KeyRejectedException if {@code keyId} is negative or the signature is not 64 bytes
   */
  public static SignedPreKey of(int keyId, ClientPublicKey publicKey, byte[] signature) {
    OneTimePreKey.requireKeyId(keyId);
    Checks.requireNonNull(publicKey, "publicKey");
    Checks.requireNonNull(signature, "signature");
    if (signature.length != SIGNATURE_LENGTH) {
      throw new KeyRejectedException(
          KeyRejectedException.Reason.WRONG_LENGTH,
          "signature must be " + SIGNATURE_LENGTH + " bytes, got " + signature.length);
    }
    return new SignedPreKey(keyId, publicKey, signature.clone());
  }

  /** The key ID, 0..2^31-1. */
  public int keyId() {
    return keyId;
  }

  /** The signed public key. */
  public ClientPublicKey publicKey() {
    return publicKey;
  }

  /** A copy of the signature. */
  public byte[] signature() {
    return signature.clone();
  }

  /** Whether the signature verifies under {@code identityKey}. */
  boolean isSignedBy(ClientPublicKey identityKey) {
    return identityKey.verify(publicKey.encoded(), signature);
  }

  byte[] signatureUnsafe() {
    return signature;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedPreKey other
        && other.keyId == keyId
        && other.publicKey.equals(publicKey)
        && Arrays.equals(other.signature, signature);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * keyId + publicKey.hashCode()) + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "SignedPreKey[id=" + keyId + ", " + publicKey + "]";
  }
}
