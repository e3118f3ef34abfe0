package dev.bulwark.groups.internal;

import dev.bulwark.groups.MalformedEncodingException;
import java.util.Arrays;
import java.util.UUID;

/**
 * Big-endian reader for the canonical encodings. Every read checks the remaining length first, so a
 * truncated or lying input ends in {@link MalformedEncodingException}, never in an out-of-bounds
 * access or a huge allocation.
 */
public final class ByteReader {
  private final byte[] in;
  private int pos;

  /** Reads {@code in} from the start; the array is not copied and must not change. */
  public ByteReader(byte[] in) {
    this.in = in;
  }

  private void need(int n, String field) {
    if (n < 0 || in.length - pos < n) {
      throw new MalformedEncodingException(field + " is truncated");
    }
  }

  /** Reads one unsigned byte. */
  public int u8(String field) {
    need(1, field);
    return in[pos++] & 0xff;
  }

  /** Reads an unsigned 16-bit value. */
  public int u16(String field) {
    need(2, field);
    int v = ((in[pos] & 0xff) << 8) | (in[pos + 1] & 0xff);
    pos += 2;
    return v;
  }

  /** Reads a 32-bit length, rejected if it exceeds {@code max}. */
  public int length(String field, int max) {
    need(4, field);
    long v =
        ((long) (in[pos] & 0xff) << 24)
            | ((in[pos + 1] & 0xff) << 16)
            | ((in[pos + 2] & 0xff) << 8)
            | (in[pos + 3] & 0xff);
    pos += 4;
    if (v > max) {
      throw new MalformedEncodingException(field + " length must be at most " + max);
    }
    return (int) v;
  }

  /** Reads a 64-bit value. */
  public long u64(String field) {
    need(8, field);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (in[pos++] & 0xff);
    }
    return v;
  }

  /** Reads {@code n} bytes. */
  public byte[] raw(int n, String field) {
    need(n, field);
    byte[] out = Arrays.copyOfRange(in, pos, pos + n);
    pos += n;
    return out;
  }

  /** Reads a 32-bit length prefix (at most {@code max}) and that many bytes. */
  public byte[] blob(String field, int max) {
    return raw(length(field, max), field);
  }

  /** Reads a 16-byte UUID. */
  public UUID uuid(String field) {
    need(16, field);
    return new UUID(u64(field), u64(field));
  }

  /** Throws unless every byte has been read. */
  public void requireEnd() {
    if (pos != in.length) {
      throw new MalformedEncodingException("trailing bytes after the encoding");
    }
  }
}
