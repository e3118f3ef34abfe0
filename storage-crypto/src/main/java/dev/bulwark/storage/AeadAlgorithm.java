package dev.bulwark.storage;

import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.AesGcmSivParameters;
import com.google.crypto.tink.aead.XChaCha20Poly1305Parameters;
import java.security.GeneralSecurityException;

/**
 * The AEAD that seals records, always with a 256-bit key. Each data key remembers its algorithm, so
 * switching a store's algorithm affects new data keys only and old records stay readable.
 */
public enum AeadAlgorithm {
  /** AES-256-GCM, 12-byte nonce, 16-byte tag: the default. */
  AES256_GCM(12, 16),
  /**
   * AES-256-GCM-SIV (RFC 8452), 12-byte nonce, 16-byte tag: nonce-misuse resistant. Tink needs a
   * JCE provider with {@code AES/GCM-SIV} (for example Conscrypt); without one, building a store
   * with it fails.
   */
  AES256_GCM_SIV(12, 16),
  /** XChaCha20-Poly1305, 24-byte nonce, 16-byte tag: fast without AES hardware. */
  XCHACHA20_POLY1305(24, 16);

  private final int nonceLength;
  private final int tagLength;

  AeadAlgorithm(int nonceLength, int tagLength) {
    this.nonceLength = nonceLength;
    this.tagLength = tagLength;
  }

  /** The nonce length in bytes, carried in every record. */
  public int nonceLength() {
    return nonceLength;
  }

  /** The authentication tag length in bytes, carried in every record. */
  public int tagLength() {
    return tagLength;
  }

  /**
   * Whether {@code parameters} are those of a data key of one of these algorithms (so, among
   * others, of Tink's TINK variant, whose ciphertext prefix is the record header).
   */
  static boolean isDataKeyParameters(Parameters parameters) throws GeneralSecurityException {
    for (AeadAlgorithm algorithm : values()) {
      if (algorithm.tinkParameters().equals(parameters)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The Tink parameters of a data key for this algorithm. The TINK variant prefixes each ciphertext
   * with 0x01 and the key's ID, which is exactly a version-1 record header (see {@link
   * RecordFormat}): Tink's output is the record, and Tink checks the key ID when opening.
   */
  Parameters tinkParameters() throws GeneralSecurityException {
    switch (this) {
      case AES256_GCM:
        return AesGcmParameters.builder()
            .setKeySizeBytes(32)
            .setIvSizeBytes(12)
            .setTagSizeBytes(16)
            .setVariant(AesGcmParameters.Variant.TINK)
            .build();
      case AES256_GCM_SIV:
        return AesGcmSivParameters.builder()
            .setKeySizeBytes(32)
            .setVariant(AesGcmSivParameters.Variant.TINK)
            .build();
      case XCHACHA20_POLY1305:
        return XChaCha20Poly1305Parameters.create(XChaCha20Poly1305Parameters.Variant.TINK);
      default:
        throw new AssertionError(this);
    }
  }
}
