package dev.bulwark.verification.spi;

import dev.bulwark.verification.internal.AesGcmSecretProtector;

/**
 * Seals TOTP and HOTP secrets before they are stored, and opens them for verification.
 *
 * <p><b>Contract.</b> {@code unprotect(protect(s, id), id)} returns {@code s}; with any other
 * {@code id}, or after any change to the sealed bytes, {@code unprotect} throws {@link
 * SecretProtectionException}. Binding to the credential ID means a database row's secret cannot be
 * moved to another credential. Implementations must be thread-safe; a KMS- or HSM-backed one plugs
 * in here.
 */
public interface SecretProtector {

  /** Returns {@code secret} sealed for {@code credentialId}; a fresh nonce every call. */
  byte[] protect(byte[] secret, String credentialId);

  /**
   * Returns the secret sealed in {@code sealed} for {@code credentialId}.
   *
   * @throws SecretProtectionException if the bytes do not authenticate for this credential
   */
  byte[] unprotect(byte[] sealed, String credentialId);

  /**
   * The default: AES-256-GCM (the JDK's) under a 256-bit host key, with a random 96-bit nonce per
   * seal and the credential ID as associated data. The sealed format, version 1, is {@code 0x01 ||
   * nonce (12 bytes) || ciphertext || tag (16 bytes)}, and the associated data is {@code 0x01 ||
   * UTF-8(credentialId)}; any other version byte is rejected. The key is copied.
   *
   * @throws IllegalArgumentException if {@code key} is not exactly 32 bytes
   */
  static SecretProtector aesGcm(byte[] key) {
    return new AesGcmSecretProtector(key);
  }
}
