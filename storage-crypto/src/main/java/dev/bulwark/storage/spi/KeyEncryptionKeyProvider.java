package dev.bulwark.storage.spi;

import java.security.GeneralSecurityException;

/**
 * The key-encryption key (KEK) that wraps data keys: a Tink keyset by default ({@link
 * dev.bulwark.storage.TinkKeyEncryptionKeys}), a KMS or an HSM in production. The KEK never leaves
 * the provider; Bulwark only asks it to wrap and unwrap.
 *
 * <p>Implementations must be thread-safe. {@link #wrap} must use the current primary key and say
 * which; {@link #unwrap} must verify {@code associatedData} (an AEAD) and throw on any mismatch.
 */
public interface KeyEncryptionKeyProvider {

  /** The result of a wrap: the ciphertext and the ID of the key that made it. */
  record Wrapped(String kekId, byte[] ciphertext) {}

  /** The ID of the key new wraps use. */
  String primaryKeyId();

  /** Encrypts {@code plaintextKey} under the primary key, bound to {@code associatedData}. */
  Wrapped wrap(byte[] plaintextKey, byte[] associatedData) throws GeneralSecurityException;

  /**
   * Decrypts a wrapped key.
   *
   * @throws GeneralSecurityException if {@code kekId} is unknown or retired, or the ciphertext or
   *     associated data was changed
   */
  byte[] unwrap(String kekId, byte[] ciphertext, byte[] associatedData)
      throws GeneralSecurityException;
}
