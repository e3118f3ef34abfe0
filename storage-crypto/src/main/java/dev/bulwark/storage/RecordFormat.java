package dev.bulwark.storage;

/**
 * The wire format of a stored record (version 1), as the {@link dev.bulwark.storage.spi.BlobStore}
 * sees it:
 *
 * <pre>
 * offset  length  field
 * 0       1       format byte: 0x01 = version 1, unpadded; 0x02 = version 1, padded (ISO/IEC 7816-4)
 * 1       4       data key ID, big-endian: which of the recipient's data keys sealed it
 * 5       n       nonce (12 bytes for AES-GCM and AES-GCM-SIV, 24 for XChaCha20-Poly1305)
 * 5+n     m       ciphertext of the (padded) payload
 * 5+n+m   16      authentication tag
 * </pre>
 *
 * <p>The associated data, never stored, is {@code "bulwark.rec" (11 ASCII bytes) || bytes 0..4 of
 * the record || record ID (16 bytes) || recipient reference (32 bytes)}, so a record moved to
 * another record ID or recipient, or with its header changed, fails to open. The namespace is bound
 * through the recipient reference, a keyed hash over the namespace and the recipient, and through
 * the data key, whose wrapping binds the namespace too. The 64 bytes are four whole AES blocks: the
 * JDK's AES-GCM takes a slower path, about 40 ns a call on JDK 17, for a partial last block of
 * associated data. Unknown format bytes are rejected before any key is touched.
 *
 * <p>An unpadded record is, byte for byte, the ciphertext of Tink's AEAD under a data key of Tink's
 * TINK variant whose Tink key ID is the data key ID: Tink's 5-byte output prefix (0x01 and the key
 * ID) is the header, so the store hands Tink the stored bytes as they are and Tink checks the key
 * ID too. A padded record differs only in its format byte.
 *
 * <p>Overhead per record: 33 bytes with AES-256-GCM or AES-256-GCM-SIV (1 + 4 + 12 + 16), 45 with
 * XChaCha20-Poly1305, plus the padding if enabled. That is the same as a Tink AEAD ciphertext with
 * its 5-byte key prefix.
 */
public final class RecordFormat {
  /** Format byte of an unpadded version-1 record. */
  public static final byte VERSION_1_PLAIN = 0x01;

  /** Format byte of a padded version-1 record. */
  public static final byte VERSION_1_PADDED = 0x02;

  /** Length of the header (format byte and data key ID). */
  public static final int HEADER_LENGTH = 5;

  /** The shortest possible record: a header, a 12-byte nonce and a tag, with an empty payload. */
  public static final int MIN_LENGTH = HEADER_LENGTH + 12 + 16;

  private RecordFormat() {}

  /**
   * A parsed record header.
   *
   * @param padded whether the payload is padded
   * @param dataKeyId the data key ID
   */
  public record Header(boolean padded, int dataKeyId) {}

  /**
   * Parses the header of a stored record.
   *
   * @throws MalformedRecordException with {@link UnreadableReason#MALFORMED} if the bytes are
   *     shorter than {@link #MIN_LENGTH}, or {@link UnreadableReason#UNKNOWN_FORMAT_VERSION} if the
   *     format byte is unknown
   */
  public static Header parseHeader(byte[] record) throws MalformedRecordException {
    if (record.length < MIN_LENGTH) {
      throw new MalformedRecordException(
          UnreadableReason.MALFORMED, "record must be at least " + MIN_LENGTH + " bytes");
    }
    byte format = record[0];
    if (format != VERSION_1_PLAIN && format != VERSION_1_PADDED) {
      throw new MalformedRecordException(
          UnreadableReason.UNKNOWN_FORMAT_VERSION, "unknown record format byte");
    }
    return new Header(format == VERSION_1_PADDED, dataKeyId(record));
  }

  /** Bytes 1 to 4 of a record of at least {@link #HEADER_LENGTH} bytes, big-endian. */
  static int dataKeyId(byte[] record) {
    return (record[1] & 0xff) << 24
        | (record[2] & 0xff) << 16
        | (record[3] & 0xff) << 8
        | (record[4] & 0xff);
  }

  /** The fixed overhead of a record sealed with {@code algorithm}, padding aside. */
  public static int overhead(AeadAlgorithm algorithm) {
    return HEADER_LENGTH + algorithm.nonceLength() + algorithm.tagLength();
  }
}
