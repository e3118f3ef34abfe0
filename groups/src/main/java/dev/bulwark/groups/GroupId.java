package dev.bulwark.groups;

import dev.bulwark.groups.internal.Checks;
import java.security.SecureRandom;
import java.util.Arrays;

/** A 32-byte group identifier. Immutable; {@code toString()} does not print it. */
public final class GroupId {
  /** Length of a group ID, in bytes. */
  public static final int LENGTH = 32;

  private final byte[] bytes;

  private GroupId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A group ID from its 32 bytes (copied). */
  public static GroupId of(byte[] bytes) {
    Checks.requireNonNull(bytes, "bytes");
    Checks.requireArgument(
        bytes.length == LENGTH, "group ID must be %d bytes, got %d", LENGTH, bytes.length);
    return new GroupId(bytes.clone());
  }

  /** A fresh random group ID. */
  public static GroupId random(SecureRandom random) {
    byte[] b = new byte[LENGTH];
    random.nextBytes(b);
    return new GroupId(b);
  }

  /** A copy of the 32 bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupId other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "GroupId[redacted]";
  }
}
