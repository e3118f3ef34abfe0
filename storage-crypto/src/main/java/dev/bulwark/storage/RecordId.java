package dev.bulwark.storage;

import dev.bulwark.storage.internal.Checks;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The identifier of one stored record: 16 bytes from {@link SecureRandom}, so IDs reveal neither
 * arrival time nor count. Immutable and thread-safe.
 */
public final class RecordId {
  /** The length of an ID in bytes. */
  public static final int LENGTH = 16;

  private final byte[] bytes;
  private final int hash;

  private RecordId(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /** Returns a fresh random ID. */
  public static RecordId random(SecureRandom random) {
    byte[] b = new byte[LENGTH];
    random.nextBytes(b);
    return new RecordId(b);
  }

  /** Returns the ID made of {@code bytes}, which the caller hands over (no copy). */
  static RecordId ofOwned(byte[] bytes) {
    return new RecordId(bytes);
  }

  /**
   * Returns the ID with these bytes.
   *
   * @throws IllegalArgumentException unless there are exactly {@link #LENGTH} bytes
   */
  public static RecordId of(byte[] bytes) {
    Checks.requireNonNull(bytes, "record id");
    Checks.requireArgument(
        bytes.length == LENGTH, "record id must be %d bytes, got %d", LENGTH, bytes.length);
    return new RecordId(bytes.clone());
  }

  /**
   * Parses the form {@link #toString()} returns (unpadded base64url).
   *
   * @throws IllegalArgumentException if it is not 22 base64url characters encoding 16 bytes
   */
  public static RecordId parse(String text) {
    Checks.requireNonNull(text, "record id");
    Checks.requireArgument(text.length() == 22, "record id must be 22 base64url characters");
    try {
      return of(Base64.getUrlDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("record id must be 22 base64url characters", e);
    }
  }

  /** A copy of the ID's bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Appends the ID's bytes to {@code out} at {@code offset}. */
  void copyTo(byte[] out, int offset) {
    System.arraycopy(bytes, 0, out, offset, LENGTH);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordId r && hash == r.hash && Arrays.equals(bytes, r.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** The ID as unpadded base64url (22 characters). */
  @Override
  public String toString() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
