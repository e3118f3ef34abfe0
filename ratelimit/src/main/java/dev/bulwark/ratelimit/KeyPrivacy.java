package dev.bulwark.ratelimit;

import static dev.bulwark.ratelimit.internal.Checks.requireArgument;
import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Whether a policy's keys reach its store as they are or as a keyed hash.
 *
 * <p>With {@link #hmacSha256(byte[])} a store (Redis, a database, a heap dump) never sees a phone
 * number or an IP address: each key is replaced by the first 128 bits of HMAC-SHA256 under a host
 * secret, encoded in base64url. Collisions are negligible (2<sup>-64</sup> at four billion keys),
 * and without the secret the hashes cannot be reversed by enumerating phone numbers. The price is
 * one HMAC and a small allocation per decision.
 *
 * <p>Instances are immutable and thread-safe; {@code toString()} never shows the secret.
 */
public final class KeyPrivacy {

  /** The shortest secret accepted, in bytes. */
  public static final int MIN_SECRET_BYTES = 32;

  private static final int TAG_BYTES = 16;
  private static final KeyPrivacy NONE = new KeyPrivacy(null);

  private final SecretKeySpec secret;
  private final ThreadLocal<Mac> macs;

  private KeyPrivacy(SecretKeySpec secret) {
    this.secret = secret;
    this.macs = secret == null ? null : ThreadLocal.withInitial(this::newMac);
  }

  /** Keys go to the store as they are (already normalized by {@link RateLimitKey}). */
  public static KeyPrivacy none() {
    return NONE;
  }

  /**
   * Keys go to the store as a truncated HMAC-SHA256 under {@code secret}, which is copied.
   *
   * @throws IllegalArgumentException if {@code secret} is shorter than {@link #MIN_SECRET_BYTES}
   */
  public static KeyPrivacy hmacSha256(byte[] secret) {
    requireNonNull(secret, "secret");
    requireArgument(
        secret.length >= MIN_SECRET_BYTES,
        "secret must be at least %d bytes, got %d",
        MIN_SECRET_BYTES,
        secret.length);
    byte[] copy = secret.clone();
    try {
      return new KeyPrivacy(new SecretKeySpec(copy, "HmacSHA256"));
    } finally {
      Arrays.fill(copy, (byte) 0);
    }
  }

  /** Whether keys are hashed before they reach the store. */
  public boolean isEnabled() {
    return secret != null;
  }

  /** Returns the form of {@code canonicalKey} that the store sees. */
  public String apply(String canonicalKey) {
    if (secret == null) {
      return canonicalKey;
    }
    byte[] tag = macs.get().doFinal(canonicalKey.getBytes(StandardCharsets.UTF_8));
    return "h:"
        + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(tag, TAG_BYTES));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(secret);
      return mac;
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 rejected the key-privacy secret", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available in this JDK", e);
    }
  }

  @Override
  public String toString() {
    return secret == null ? "KeyPrivacy[none]" : "KeyPrivacy[HMAC-SHA256/128]";
  }
}
