package dev.bulwark.groups;

import dev.bulwark.groups.internal.Checks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * What a {@link GroupServer} keeps of a server key it replaced: the HMAC-SHA256 seal key derived
 * from it (see {@link SigningKey}), which checks the {@link LogEntry#seal() seals} it made, and its
 * public key, which names it (in {@link GroupServer#retiredKeyNeededBy} and in the checks of {@link
 * GroupServer.Builder#retiredServerKeys}). It holds no Ed25519 private seed, so it cannot sign a
 * head or a change, and no server ever seals a new entry with it.
 *
 * <p>Made from the old key with {@link #of(SigningKey)} at rotation. From then on the host needs
 * the old seed no more and can destroy every stored copy of it: {@link #exportSecret()} gives the
 * bytes to store instead, and {@link #importSecret(byte[])} restores the retired key from them.
 *
 * <p><b>The seal key is secret.</b> Whoever holds it (in this object or in the exported bytes) and
 * can write to the store can forge seals that every server given this retired key accepts, and so
 * have it sign heads over rewritten entries. Store the export as carefully as a signing key, and
 * drop the retired key once {@link GroupServer#retiredKeyNeededBy} shows no group needs it. It is,
 * though, worth less than the seed it replaces: it cannot sign heads that members accept, nor
 * recover the seed.
 *
 * <p>Immutable and thread-safe; byte arrays are copied in and out. {@code toString()} prints
 * nothing about the key, not even the public key. Two objects for the same key are not {@code
 * equal} (identity equality, like {@link SigningKey}); compare {@link #publicKey()}s.
 */
public final class RetiredServerKey {
  /** The first byte of the current {@link #exportSecret() export} format. */
  public static final byte EXPORT_FORMAT_VERSION = 1;

  /** Length of an {@link #exportSecret() export}, in bytes: 1 + 32 + 32 + 32. */
  public static final int EXPORT_LENGTH = 97;

  private static final int KEY_LENGTH = 32;
  private static final byte[] CHECK_DOMAIN =
      "bulwark-groups/retired-server-key/v1\0".getBytes(StandardCharsets.US_ASCII);

  private final byte[] publicKey;
  private final KeyParameter sealKey;

  /** Takes ownership of both arrays. */
  RetiredServerKey(byte[] publicKey, byte[] sealKey) {
    this.publicKey = publicKey;
    this.sealKey = new KeyParameter(sealKey);
  }

  /**
   * The retired form of the server key {@code serverKey}: its derived seal key and its public key,
   * without its private seed.
   */
  public static RetiredServerKey of(SigningKey serverKey) {
    return Checks.requireNonNull(serverKey, "serverKey").sealing();
  }

  /**
   * Restores a retired key from the bytes {@link #exportSecret()} gave.
   *
   * @throws NullPointerException if {@code exported} is null
   * @throws MalformedEncodingException if {@code exported} is not {@value #EXPORT_LENGTH} bytes,
   *     starts with another format version or fails its check value (corrupted, or a public key and
   *     a seal key that do not belong together); the message never contains key material
   */
  public static RetiredServerKey importSecret(byte[] exported) {
    Checks.requireNonNull(exported, "exported");
    if (exported.length != EXPORT_LENGTH) {
      throw new MalformedEncodingException(
          "an exported retired server key must be "
              + EXPORT_LENGTH
              + " bytes, got "
              + exported.length);
    }
    if (exported[0] != EXPORT_FORMAT_VERSION) {
      throw new MalformedEncodingException(
          "unknown retired server key format version " + (exported[0] & 0xff));
    }
    byte[] publicKey = new byte[KEY_LENGTH];
    byte[] sealKey = new byte[KEY_LENGTH];
    byte[] check = new byte[KEY_LENGTH];
    System.arraycopy(exported, 1, publicKey, 0, KEY_LENGTH);
    System.arraycopy(exported, 1 + KEY_LENGTH, sealKey, 0, KEY_LENGTH);
    System.arraycopy(exported, 1 + 2 * KEY_LENGTH, check, 0, KEY_LENGTH);
    RetiredServerKey key = new RetiredServerKey(publicKey, sealKey);
    if (!MessageDigest.isEqual(key.check(), check)) {
      throw new MalformedEncodingException(
          "the exported retired server key fails its check value: it was corrupted, or its public"
              + " key and seal key do not belong together");
    }
    return key;
  }

  /** A copy of the retired key's 32-byte Ed25519 public key, which names it. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /**
   * The secret bytes to store in place of the old seed, which {@link #importSecret(byte[])}
   * restores: {@value #EXPORT_LENGTH} bytes, {@code 0x01 || publicKey (32) || sealKey (32) || check
   * (32)}, where {@code check = HMAC-SHA256(sealKey, "bulwark-groups/retired-server-key/v1" || 0x00
   * || publicKey)}. The check value ties the public key to the seal key, so a corrupted export or
   * halves of two exports are refused on import instead of naming the wrong key; it is no seal any
   * server accepts (seals are over 32-byte hashes, the check over 69 bytes). A fresh copy each
   * time.
   *
   * <p><b>Secret:</b> it contains the seal key; see the class documentation.
   */
  public byte[] exportSecret() {
    byte[] out = new byte[EXPORT_LENGTH];
    out[0] = EXPORT_FORMAT_VERSION;
    System.arraycopy(publicKey, 0, out, 1, KEY_LENGTH);
    System.arraycopy(sealKey.getKey(), 0, out, 1 + KEY_LENGTH, KEY_LENGTH);
    System.arraycopy(check(), 0, out, 1 + 2 * KEY_LENGTH, KEY_LENGTH);
    return out;
  }

  private byte[] check() {
    return hmac(CHECK_DOMAIN, publicKey);
  }

  /** HMAC-SHA256 of {@code message} under the seal key. */
  byte[] seal(byte[] message) {
    return hmac(message);
  }

  /** Whether {@code seal} is {@link #seal(byte[])} of {@code message} (constant-time compare). */
  boolean sealMatches(byte[] message, byte[] seal) {
    return MessageDigest.isEqual(seal(message), seal);
  }

  private byte[] hmac(byte[]... parts) {
    HMac mac = new HMac(new SHA256Digest());
    mac.init(sealKey);
    for (byte[] part : parts) {
      mac.update(part, 0, part.length);
    }
    byte[] out = new byte[mac.getMacSize()];
    mac.doFinal(out, 0);
    return out;
  }

  @Override
  public String toString() {
    return "RetiredServerKey[redacted]";
  }
}
