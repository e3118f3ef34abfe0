package dev.bulwark.verification.internal;

import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 4226 HOTP values from a cached per-thread {@link Mac}: HMAC of the 8-byte big-endian
 * counter, dynamic truncation, modulo 10<sup>digits</sup>. TOTP (RFC 6238) is HOTP of the time
 * step. Nothing here allocates beyond what the JDK's HMAC does internally.
 */
public final class OtpEngine {
  private OtpEngine() {}

  /** Returns this thread's {@link Mac} for {@code jcaName}, initialized with {@code key}. */
  public static Mac init(Hmacs.PerThread thread, String jcaName, SecretKeySpec key) {
    Mac mac = thread.mac(jcaName);
    try {
      mac.init(key);
    } catch (InvalidKeyException e) {
      throw Hmacs.unexpected(jcaName + " key setup", e);
    }
    return mac;
  }

  /**
   * Returns the HOTP value for {@code counter}: {@code mac} must be initialized with the key;
   * {@code scratch} holds at least {@link Hmacs#SCRATCH_BYTES} bytes.
   */
  public static int value(Mac mac, long counter, int digits, byte[] scratch) {
    for (int i = 7; i >= 0; i--) {
      scratch[i] = (byte) (counter >>> (8 * (7 - i)));
    }
    mac.update(scratch, 0, 8);
    int length = mac.getMacLength();
    try {
      mac.doFinal(scratch, 8);
    } catch (ShortBufferException e) {
      throw new IllegalStateException("HMAC output buffer too short", e);
    }
    int offset = 8 + (scratch[8 + length - 1] & 0x0f);
    int binary =
        ((scratch[offset] & 0x7f) << 24)
            | ((scratch[offset + 1] & 0xff) << 16)
            | ((scratch[offset + 2] & 0xff) << 8)
            | (scratch[offset + 3] & 0xff);
    return (int) (binary % Digits.pow10(digits));
  }

  /**
   * Compares {@code candidate} with the values of {@code count} consecutive counters from {@code
   * first}, computing and comparing every one whatever matched before, and returns a bit mask: bit
   * {@code i} is set if counter {@code first + i} matched. {@code count} is at most 63; counters
   * below zero never match.
   */
  public static long matchAll(
      Mac mac, long first, int count, long candidate, int digits, byte[] scratch) {
    long mask = 0;
    for (int i = 0; i < count; i++) {
      long counter = first + i;
      // a negative counter still costs one MAC, so the work never depends on where we are
      long value = OtpEngine.value(mac, counter < 0 ? 0 : counter, digits, scratch);
      long diff = value ^ candidate;
      long equal = ((diff | -diff) >>> 63) ^ 1; // 1 if diff == 0, without a branch
      long valid = (~counter >>> 63); // 0 for negative counters
      mask |= (equal & valid) << i;
    }
    return mask;
  }
}
