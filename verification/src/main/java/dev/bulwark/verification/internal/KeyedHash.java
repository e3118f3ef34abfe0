package dev.bulwark.verification.internal;

import static dev.bulwark.verification.internal.Checks.requireArgument;
import static dev.bulwark.verification.internal.Checks.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under a server pepper over an unambiguous encoding of several strings: a domain
 * label, then each part as a 4-byte big-endian length and its UTF-8 bytes, so no two different
 * tuples hash the same input. One initialized {@link Mac} per thread.
 */
public final class KeyedHash {
  /** The shortest pepper accepted, in bytes. */
  public static final int MIN_KEY_BYTES = 32;

  /** The output length in bytes. */
  public static final int LENGTH = 32;

  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;

  /**
   * Creates the hash under a copy of {@code pepper}.
   *
   * @throws IllegalArgumentException if {@code pepper} is shorter than {@link #MIN_KEY_BYTES}
   */
  public KeyedHash(byte[] pepper) {
    requireNonNull(pepper, "pepper");
    requireArgument(
        pepper.length >= MIN_KEY_BYTES,
        "pepper must be at least %d bytes, got %d",
        MIN_KEY_BYTES,
        pepper.length);
    byte[] copy = pepper.clone();
    try {
      this.key = new SecretKeySpec(copy, "HmacSHA256");
    } finally {
      Arrays.fill(copy, (byte) 0);
    }
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  /** Hashes the domain label and the parts. */
  public byte[] hash(String domain, String... parts) {
    Mac mac = macs.get();
    update(mac, domain);
    for (String part : parts) {
      update(mac, part);
    }
    return mac.doFinal();
  }

  /** Hashes the domain label, the parts and a trailing run of bytes. */
  public byte[] hash(String domain, byte[] tail, String... parts) {
    Mac mac = macs.get();
    update(mac, domain);
    for (String part : parts) {
      update(mac, part);
    }
    updateLength(mac, tail.length);
    mac.update(tail);
    return mac.doFinal();
  }

  private static void update(Mac mac, String part) {
    byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
    updateLength(mac, bytes.length);
    mac.update(bytes);
  }

  private static void updateLength(Mac mac, int n) {
    mac.update((byte) (n >>> 24));
    mac.update((byte) (n >>> 16));
    mac.update((byte) (n >>> 8));
    mac.update((byte) n);
  }

  private Mac newMac() {
    Mac mac = Hmacs.newMac("HmacSHA256");
    try {
      mac.init(key);
    } catch (InvalidKeyException e) {
      throw Hmacs.unexpected("HMAC-SHA256 key setup", e);
    }
    return mac;
  }

  @Override
  public String toString() {
    return "KeyedHash[HMAC-SHA256]";
  }
}
