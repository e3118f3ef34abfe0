package dev.bulwark.verification.internal;

import static dev.bulwark.verification.internal.Checks.requireNonNull;

/**
 * Strict RFC 4648 Base32: every accepted string decodes to exactly one byte string and back.
 *
 * <p>Decoding accepts the alphabet {@code A-Z2-7} in either case and optional {@code =} padding
 * that is complete (to a multiple of eight characters); it rejects everything else: spaces,
 * hyphens, other characters, lengths that cannot come from whole bytes (1, 3 or 6 characters past
 * a multiple of eight) and trailing bits that are not zero. Nothing is silently dropped. Encoding
 * writes upper case without padding, the form {@code otpauth://} URIs use. Error messages name the
 * rule and a position, never the input, which is often a secret.
 */
public final class Base32 {
  private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final byte[] VALUES = new byte[128];

  static {
    java.util.Arrays.fill(VALUES, (byte) -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      VALUES[ALPHABET[i]] = (byte) i;
      VALUES[Character.toLowerCase(ALPHABET[i])] = (byte) i;
    }
  }

  private Base32() {}

  /** Encodes {@code data} in upper case without padding. */
  public static String encode(byte[] data) {
    requireNonNull(data, "data");
    char[] out = new char[(data.length * 8 + 4) / 5];
    int buffer = 0;
    int bits = 0;
    int j = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out[j++] = ALPHABET[(buffer >>> (bits - 5)) & 31];
        bits -= 5;
      }
    }
    if (bits > 0) {
      out[j++] = ALPHABET[(buffer << (5 - bits)) & 31];
    }
    return new String(out, 0, j);
  }

  /**
   * Decodes {@code text} strictly.
   *
   * @throws IllegalArgumentException if {@code text} is not canonical Base32 (see the class
   *     documentation); the message never contains the input
   */
  public static byte[] decode(CharSequence text) {
    requireNonNull(text, "text");
    int n = text.length();
    int end = n;
    while (end > 0 && text.charAt(end - 1) == '=') {
      end--;
    }
    int padding = n - end;
    if (padding > 0) {
      Checks.requireArgument(
          n % 8 == 0, "Base32 padding must complete a multiple of 8 characters, got %d", n);
      Checks.requireArgument(
          padding == 1 || padding == 3 || padding == 4 || padding == 6,
          "Base32 padding of %d characters is not valid",
          padding);
    }
    Checks.requireArgument(end > 0, "Base32 text must not be empty");
    int rem = end % 8;
    Checks.requireArgument(
        rem != 1 && rem != 3 && rem != 6,
        "Base32 length %d cannot encode whole bytes (%d characters past a multiple of 8)",
        end,
        rem);
    if (padding > 0) {
      // complete padding must match the data length exactly
      int expected = rem == 0 ? 0 : 8 - rem;
      Checks.requireArgument(
          padding == expected, "Base32 padding of %d characters does not match the data", padding);
    }
    byte[] out = new byte[end * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int j = 0;
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      int v = c < 128 ? VALUES[c] : -1;
      Checks.requireArgument(v >= 0, "Base32 text has a character outside A-Z2-7 at position %d", i);
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out[j++] = (byte) (buffer >>> (bits - 8));
        bits -= 8;
        buffer &= (1 << bits) - 1;
      }
    }
    Checks.requireArgument(buffer == 0, "Base32 text has non-zero trailing bits");
    return out;
  }
}
