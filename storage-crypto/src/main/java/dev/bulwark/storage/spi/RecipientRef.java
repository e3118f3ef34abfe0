package dev.bulwark.storage.spi;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * What stores see instead of a recipient: a 32-byte keyed hash (HMAC-SHA-256 under the store's
 * recipient hash key, over the namespace and the raw identifier). Without that key it cannot be
 * linked back to an identifier. Immutable and thread-safe.
 */
public final class RecipientRef {
  /** The length of a reference in bytes. */
  public static final int LENGTH = 32;

  private final byte[] bytes;
  private final int hash;

  private RecipientRef(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /**
   * Returns the reference with these bytes (for stores reading their keys back).
   *
   * @throws IllegalArgumentException unless there are exactly {@link #LENGTH} bytes
   */
  public static RecipientRef of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "recipient reference must be " + LENGTH + " bytes, got " + bytes.length);
    }
    return new RecipientRef(bytes.clone());
  }

  /** A copy of the reference's bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Copies the bytes into {@code out} at {@code offset}. */
  public void copyTo(byte[] out, int offset) {
    System.arraycopy(bytes, 0, out, offset, LENGTH);
  }

  /** The reference as 64 lowercase hex digits, for use as a storage key. */
  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecipientRef r && hash == r.hash && Arrays.equals(bytes, r.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Returns {@code RecipientRef[redacted]}: even hashed references are kept out of logs. */
  @Override
  public String toString() {
    return "RecipientRef[redacted]";
  }
}
