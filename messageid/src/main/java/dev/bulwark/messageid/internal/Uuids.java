package dev.bulwark.messageid.internal;

/**
 * The 36-character hex-and-dash UUID text form (RFC 9562 section 4), parsed and printed without
 * regular expressions, {@link Character#digit} (which accepts non-ASCII digits) or allocation
 * beyond the result.
 */
public final class Uuids {
  /** The length of the canonical text form. */
  public static final int TEXT_LENGTH = 36;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Uuids() {}

  /** Whether {@code i} is the index of one of the four dashes of the text form. */
  public static boolean isDashIndex(int i) {
    return i == 8 || i == 13 || i == 18 || i == 23;
  }

  /** The value of an ASCII hex digit {@code 0-9a-fA-F}, or -1 for any other char. */
  public static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** Formats the 128 bits as lowercase hex-and-dash text. */
  public static String format(long msb, long lsb) {
    char[] out = new char[TEXT_LENGTH];
    int pos = 0;
    for (int nibble = 0; nibble < 32; nibble++) {
      if (isDashIndex(pos)) {
        out[pos++] = '-';
      }
      long word = nibble < 16 ? msb : lsb;
      int shift = 60 - 4 * (nibble & 15);
      out[pos++] = HEX[(int) (word >>> shift) & 0xF];
    }
    return new String(out);
  }
}
