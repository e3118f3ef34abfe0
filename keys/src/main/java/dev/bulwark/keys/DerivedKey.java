package dev.bulwark.keys;

import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A subkey derived with HKDF-SHA256 from one version of a {@link KeyRing} for one purpose and
 * context. No {@code toString} content, no {@code equals}; {@link #destroy()} zeroes it.
 */
public final class DerivedKey {
  private final int version;
  private final byte[] bytes;

  DerivedKey(int version, byte[] bytes) {
    this.version = version;
    this.bytes = bytes;
  }

  /** The ring version it was derived from; store it beside what the key protects. */
  public int version() {
    return version;
  }

  /** The length in bytes. */
  public int length() {
    return bytes.length;
  }

  /** A copy of the key bytes; the caller owns and should wipe it. */
  public byte[] copyBytes() {
    return bytes.clone();
  }

  /** The key as a JCE {@link SecretKey} for {@code algorithm} (e.g. "AES", "HmacSHA256"). */
  public SecretKey toSecretKey(String algorithm) {
    return new SecretKeySpec(bytes, algorithm);
  }

  /** Zeroes this object's copy of the key. */
  public void destroy() {
    Arrays.fill(bytes, (byte) 0);
  }

  @Override
  public String toString() {
    return "DerivedKey[version=" + version + ", length=" + bytes.length + "]";
  }
}
