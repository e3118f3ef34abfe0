package dev.bulwark.verification.internal;

import static dev.bulwark.verification.internal.Checks.requireArgument;
import static dev.bulwark.verification.internal.Checks.requireNonNull;

import dev.bulwark.verification.spi.SecretProtectionException;
import dev.bulwark.verification.spi.SecretProtector;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** The default {@link SecretProtector}: AES-256-GCM, format version 1 (see the interface). */
public final class AesGcmSecretProtector implements SecretProtector {
  /** The format version byte. */
  public static final byte VERSION = 1;

  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int OVERHEAD = 1 + NONCE_BYTES + TAG_BITS / 8;

  private final SecretKeySpec key;
  private final SecureRandom random;

  /** Creates the protector under a copy of {@code key} (exactly 32 bytes). */
  public AesGcmSecretProtector(byte[] key) {
    this(key, Randoms.secureRandom());
  }

  /** Creates the protector with its own random source, for tests. */
  public AesGcmSecretProtector(byte[] key, SecureRandom random) {
    requireNonNull(key, "key");
    requireArgument(key.length == KEY_BYTES, "key must be exactly %d bytes, got %d", KEY_BYTES, key.length);
    byte[] copy = key.clone();
    try {
      this.key = new SecretKeySpec(copy, "AES");
    } finally {
      Arrays.fill(copy, (byte) 0);
    }
    this.random = requireNonNull(random, "random");
  }

  @Override
  public byte[] protect(byte[] secret, String credentialId) {
    requireNonNull(secret, "secret");
    requireNonNull(credentialId, "credentialId");
    byte[] out = new byte[OVERHEAD + secret.length];
    out[0] = VERSION;
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(credentialId));
      cipher.doFinal(secret, 0, secret.length, out, 1 + NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw Hmacs.unexpected("AES-GCM encryption", e);
    }
    return out;
  }

  @Override
  public byte[] unprotect(byte[] sealed, String credentialId) {
    requireNonNull(sealed, "sealed");
    requireNonNull(credentialId, "credentialId");
    if (sealed.length < OVERHEAD) {
      throw new SecretProtectionException("sealed secret is too short: " + sealed.length + " bytes");
    }
    if (sealed[0] != VERSION) {
      throw new SecretProtectionException("unknown sealed-secret format version " + (sealed[0] & 0xff));
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
      cipher.updateAAD(associatedData(credentialId));
      return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new SecretProtectionException(
          "sealed secret does not authenticate for this credential (tampered, moved or another key)");
    } catch (GeneralSecurityException e) {
      throw Hmacs.unexpected("AES-GCM decryption", e);
    }
  }

  private static byte[] associatedData(String credentialId) {
    byte[] id = credentialId.getBytes(StandardCharsets.UTF_8);
    byte[] ad = new byte[1 + id.length];
    ad[0] = VERSION;
    System.arraycopy(id, 0, ad, 1, id.length);
    return ad;
  }

  @Override
  public String toString() {
    return "SecretProtector[AES-256-GCM, v1]";
  }
}
