package dev.bulwark.ratelimit;

import static dev.bulwark.ratelimit.internal.Checks.requireArgument;
import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import dev.bulwark.ratelimit.internal.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

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

  private final @Nullable HmacSha256 hmac;

  private KeyPrivacy(@Nullable HmacSha256 hmac) {
    this.hmac = hmac;
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
    return new KeyPrivacy(new HmacSha256(secret));
  }

  /** Whether keys are hashed before they reach the store. */
  public boolean isEnabled() {
    return hmac != null;
  }

  /** Returns the form of {@code canonicalKey} that the store sees. */
  public String apply(String canonicalKey) {
    if (hmac == null) {
      return canonicalKey;
    }
    byte[] tag = hmac.mac(canonicalKey.getBytes(StandardCharsets.UTF_8));
    return "h:"
        + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(tag, TAG_BYTES));
  }

  @Override
  public String toString() {
    return hmac == null ? "KeyPrivacy[none]" : "KeyPrivacy[HMAC-SHA256/128]";
  }
}
