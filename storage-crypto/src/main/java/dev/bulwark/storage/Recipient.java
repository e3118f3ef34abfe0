package dev.bulwark.storage;

import dev.bulwark.storage.internal.Checks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The raw identifier of a record's recipient (an account or device ID). It is only ever held in
 * memory: stores see a keyed hash of it ({@link dev.bulwark.storage.spi.RecipientRef}), and {@link
 * #toString()} never shows it.
 *
 * <p>Immutable and thread-safe; equality compares the identifier in constant time.
 */
public final class Recipient {
  /** The longest identifier accepted, in UTF-8 bytes. */
  public static final int MAX_LENGTH = 256;

  private final byte[] id;

  private Recipient(byte[] id) {
    this.id = id;
  }

  /**
   * Returns the recipient with this identifier.
   *
   * @throws IllegalArgumentException if it is empty or longer than {@link #MAX_LENGTH} UTF-8 bytes
   *     (the message does not repeat it)
   */
  public static Recipient of(String id) {
    Checks.requireNonNull(id, "recipient id");
    byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
    Checks.requireInRange("recipient id length", bytes.length, 1, MAX_LENGTH);
    return new Recipient(bytes);
  }

  /** The identifier's UTF-8 bytes, for hashing. */
  byte[] utf8() {
    return id.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Recipient r && MessageDigest.isEqual(id, r.id);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(id);
  }

  /** Returns {@code Recipient[redacted]}: the identifier never appears in logs. */
  @Override
  public String toString() {
    return "Recipient[redacted]";
  }
}
