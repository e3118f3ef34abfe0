package dev.bulwark.storage.internal;

import dev.bulwark.storage.spi.RecipientRef;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns raw recipient identifiers into {@link RecipientRef}s: HMAC-SHA-256 under a secret key, over
 * a domain label, the namespace and the identifier. Thread-safe (one {@link Mac} per thread).
 */
public final class RecipientHasher {
  private static final byte[] LABEL =
      "bulwark.storage.recipient.v1".getBytes(StandardCharsets.US_ASCII);

  private final SecretKeySpec key;
  private final byte[] namespace;
  private final ThreadLocal<Mac> macs;

  /** Creates a hasher; {@code key} must hold at least 32 bytes and is copied. */
  public RecipientHasher(byte[] key, byte[] namespace) {
    Checks.requireArgument(
        key.length >= 32, "recipient hash key must be at least 32 bytes, got %d", key.length);
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    this.namespace = namespace.clone();
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /** The reference of the recipient with these identifier bytes. */
  public RecipientRef hash(byte[] rawId) {
    Mac mac = macs.get();
    mac.update(LABEL);
    mac.update((byte) namespace.length);
    mac.update(namespace);
    mac.update(rawId);
    return RecipientRef.of(mac.doFinal());
  }
}
