package dev.bulwark.ratelimit.internal;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one secret, with one cached {@link Mac} per thread (no {@code Mac.getInstance}
 * per call). Never prints or exposes the secret.
 */
public final class HmacSha256 {
  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  /** Copies {@code secret}; the caller may wipe its array afterwards. */
  public HmacSha256(byte[] secret) {
    byte[] copy = secret.clone();
    try {
      this.key = new SecretKeySpec(copy, "HmacSHA256");
    } finally {
      Arrays.fill(copy, (byte) 0);
    }
  }

  /** Returns the MAC of {@code data}. */
  public byte[] mac(byte[] data) {
    return macs.get().doFinal(data);
  }

  /** Returns the MAC of {@code data[offset, offset + length)}. */
  public byte[] mac(byte[] data, int offset, int length) {
    Mac mac = macs.get();
    mac.update(data, offset, length);
    return mac.doFinal();
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "HmacSha256[secret hidden]";
  }
}
