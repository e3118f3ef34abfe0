package dev.bulwark.verification.internal;

/**
 * Strict decimal codes: parsing accepts exactly {@code length} ASCII digits and nothing else (no
 * sign, no spaces, no other Unicode digits); formatting writes zero-padded ASCII digits without
 * consulting any locale.
 */
public final class Digits {
  /** Powers of ten from 10^0 to 10^18. */
  private static final long[] POW10 = new long[19];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private Digits() {}

  /** Returns 10 to the power {@code exponent}, for {@code exponent} in [0, 18]. */
  public static long pow10(int exponent) {
    return POW10[exponent];
  }

  /**
   * Returns the value of {@code text} if it is exactly {@code length} ASCII digits, else -1. The
   * whole input is read whatever it holds, so the time taken depends only on its length.
   */
  public static long parse(CharSequence text, int length) {
    if (text == null || text.length() != length) {
      return -1;
    }
    long value = 0;
    boolean valid = true;
    for (int i = 0; i < length; i++) {
      int d = text.charAt(i) - '0';
      valid &= d >= 0 && d <= 9;
      value = value * 10 + (d & 15);
    }
    return valid ? value : -1;
  }

  /** Writes {@code value} as exactly {@code length} ASCII digits, zero-padded on the left. */
  public static String format(long value, int length) {
    char[] out = new char[length];
    long v = value;
    for (int i = length - 1; i >= 0; i--) {
      out[i] = (char) ('0' + (v % 10));
      v /= 10;
    }
    return new String(out);
  }
}
