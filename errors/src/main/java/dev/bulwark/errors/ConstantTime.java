package dev.bulwark.errors;

import dev.bulwark.errors.internal.Checks;
import java.nio.CharBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Constant-time comparison and selection.
 *
 * <p>The equality methods compare HMAC-SHA256 tags of both inputs under a random key drawn once per
 * JVM, then compare the 32-byte tags without an early exit. Their running time therefore does not
 * depend on where the inputs differ, nor on whether their lengths are equal; it grows with the
 * total length of the two inputs (hashing is linear), which is the only thing it can reveal.
 * Because the key is secret and random, an attacker cannot choose inputs whose tags collide. {@code
 * String} and {@code char[]} are compared as UTF-16 code units, so the answer agrees exactly with
 * {@link String#equals} and {@link java.util.Arrays#equals(char[], char[])}.
 *
 * <p>For two inputs already known to have equal, public lengths, {@link MessageDigest#isEqual} is
 * faster and equally safe; these methods are for the general case, e.g. a presented token against a
 * stored one. All methods are thread-safe; {@code null} arguments are rejected.
 */
public final class ConstantTime {
  private ConstantTime() {}

  private static final String ALGORITHM = "HmacSHA256";
  private static final SecretKeySpec KEY = newKey();
  private static final int TAG_BYTES = 32;
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** Per-thread MAC and buffers, so a comparison allocates nothing. */
  private static final class Scratch {
    final Mac mac = newMac();
    final byte[] tags = new byte[2 * TAG_BYTES];
    final byte[] chars = new byte[512];
  }

  private static SecretKeySpec newKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new SecretKeySpec(key, ALGORITHM);
  }

  private static Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(KEY);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }

  /** Returns whether {@code a} and {@code b} hold the same bytes, in constant time. */
  public static boolean equals(byte[] a, byte[] b) {
    Checks.requireNonNull(a, "a");
    Checks.requireNonNull(b, "b");
    Scratch s = SCRATCH.get();
    s.mac.update(a);
    finish(s, 0);
    s.mac.update(b);
    finish(s, TAG_BYTES);
    return tagsEqual(s);
  }

  private static void finish(Scratch s, int offset) {
    try {
      s.mac.doFinal(s.tags, offset);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC output buffer too small", e);
    }
  }

  private static boolean tagsEqual(Scratch s) {
    int diff = 0;
    for (int i = 0; i < TAG_BYTES; i++) {
      diff |= s.tags[i] ^ s.tags[TAG_BYTES + i];
    }
    return diff == 0;
  }

  /** Returns whether {@code a} and {@code b} hold the same chars, in constant time. */
  public static boolean equals(char[] a, char[] b) {
    Checks.requireNonNull(a, "a");
    Checks.requireNonNull(b, "b");
    return charsEqual(CharBuffer.wrap(a), CharBuffer.wrap(b));
  }

  /**
   * Returns whether {@code a} and {@code b} are equal strings, in constant time. Strings are
   * compared as UTF-16 code units, so unpaired surrogates compare exactly as {@link String#equals}
   * compares them (an encoding to bytes would replace them and make different strings equal).
   */
  public static boolean equals(String a, String b) {
    Checks.requireNonNull(a, "a");
    Checks.requireNonNull(b, "b");
    return charsEqual(a, b);
  }

  private static boolean charsEqual(CharSequence a, CharSequence b) {
    Scratch s = SCRATCH.get();
    tag(s, a, 0);
    tag(s, b, TAG_BYTES);
    return tagsEqual(s);
  }

  private static void tag(Scratch s, CharSequence chars, int offset) {
    Mac mac = s.mac;
    byte[] buffer = s.chars;
    int filled = 0;
    int length = chars.length();
    for (int i = 0; i < length; i++) {
      char c = chars.charAt(i);
      buffer[filled++] = (byte) (c >>> 8);
      buffer[filled++] = (byte) c;
      if (filled == buffer.length) {
        mac.update(buffer, 0, filled);
        filled = 0;
      }
    }
    mac.update(buffer, 0, filled);
    Arrays.fill(buffer, (byte) 0);
    finish(s, offset);
  }

  /**
   * Returns {@code a} if {@code choice} is 1 and {@code b} if it is 0, without a branch on {@code
   * choice}. Only the lowest bit of {@code choice} is used.
   */
  public static int select(int choice, int a, int b) {
    int mask = -(choice & 1);
    return b ^ (mask & (a ^ b));
  }

  /** Like {@link #select(int, int, int)} for {@code long}s. */
  public static long select(int choice, long a, long b) {
    long mask = -(long) (choice & 1);
    return b ^ (mask & (a ^ b));
  }

  /**
   * Returns a new array holding {@code a} if {@code choice} is 1 and {@code b} if it is 0, reading
   * every byte of both without a branch on {@code choice}. Only the lowest bit of {@code choice} is
   * used.
   *
   * @throws IllegalArgumentException if the arrays differ in length
   */
  public static byte[] select(int choice, byte[] a, byte[] b) {
    Checks.requireNonNull(a, "a");
    Checks.requireNonNull(b, "b");
    Checks.requireArgument(
        a.length == b.length, "arrays must have equal lengths, got %d and %d", a.length, b.length);
    int mask = -(choice & 1);
    byte[] out = new byte[a.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (b[i] ^ (mask & (a[i] ^ b[i])));
    }
    return out;
  }

  /**
   * Returns 1 if {@code a == b} and 0 otherwise, without a branch; useful to build a {@code choice}
   * for the select methods.
   */
  public static int isEqual(int a, int b) {
    int diff = a ^ b;
    // (diff | -diff) has its sign bit set iff diff != 0.
    return 1 ^ ((diff | -diff) >>> 31);
  }
}
