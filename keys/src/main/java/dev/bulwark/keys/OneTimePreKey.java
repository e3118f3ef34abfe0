package dev.bulwark.keys;

import dev.bulwark.keys.internal.Checks;

/**
 * A one-time prekey: handed out by the directory at most once.
 *
 * @param keyId the key ID, 0..2^31-1
 * @param publicKey the public key
 */
public record OneTimePreKey(int keyId, ClientPublicKey publicKey) {

  /** Validates the key ID. */
  public OneTimePreKey {
    requireKeyId(keyId);
    Checks.requireNonNull(publicKey, "publicKey");
  }

  static void requireKeyId(int keyId) {
    if (keyId < 0) {
      throw new KeyRejectedException(
          KeyRejectedException.Reason.KEY_ID_OUT_OF_RANGE,
          "keyId must be between 0 and " + Integer.MAX_VALUE + ", got " + keyId);
    }
  }
}
