package dev.bulwark.groups.internal;

import java.io.ByteArrayOutputStream;
import java.util.UUID;

/** Big-endian writer for the canonical encodings. */
public final class ByteWriter {
  private final ByteArrayOutputStream out;

  /** A writer with an initial capacity hint. */
  public ByteWriter(int capacity) {
    this.out = new ByteArrayOutputStream(capacity);
  }

  /** Writes one unsigned byte. */
  public ByteWriter u8(int value) {
    out.write(value);
    return this;
  }

  /** Writes an unsigned 16-bit count. */
  public ByteWriter u16(int value) {
    out.write(value >>> 8);
    out.write(value);
    return this;
  }

  /** Writes an unsigned 32-bit length. */
  public ByteWriter u32(int value) {
    out.write(value >>> 24);
    out.write(value >>> 16);
    out.write(value >>> 8);
    out.write(value);
    return this;
  }

  /** Writes a 64-bit value. */
  public ByteWriter u64(long value) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (value >>> shift));
    }
    return this;
  }

  /** Writes bytes as they are (fixed-length fields). */
  public ByteWriter raw(byte[] bytes) {
    out.write(bytes, 0, bytes.length);
    return this;
  }

  /** Writes a 32-bit length prefix and the bytes. */
  public ByteWriter blob(byte[] bytes) {
    return u32(bytes.length).raw(bytes);
  }

  /** Writes a UUID as 16 bytes. */
  public ByteWriter uuid(UUID id) {
    return u64(id.getMostSignificantBits()).u64(id.getLeastSignificantBits());
  }

  /** The bytes written so far. */
  public byte[] toByteArray() {
    return out.toByteArray();
  }
}
