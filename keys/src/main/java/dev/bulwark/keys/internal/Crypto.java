package dev.bulwark.keys.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** The few primitives the module uses: Ed25519 verify, HKDF-SHA256, AES-256-GCM, SHA-256. */
public final class Crypto {
  /** AES-GCM nonce length in bytes. */
  public static final int GCM_NONCE_BYTES = 12;

  /** AES-GCM tag length in bytes. */
  public static final int GCM_TAG_BYTES = 16;

  private Crypto() {}

  /**
   * Whether {@code publicKey} (32 bytes) is a canonical encoding of a point of the Ed25519 group,
   * not of small order.
   */
  public static boolean isValidEd25519PublicKey(byte[] publicKey) {
    return publicKey.length == Ed25519.PUBLIC_KEY_SIZE
        && Ed25519.validatePublicKeyFull(publicKey, 0);
  }

  /** Strict RFC 8032 Ed25519 verification of {@code signature} over {@code message}. */
  public static boolean verifyEd25519(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey.length != Ed25519.PUBLIC_KEY_SIZE || signature.length != Ed25519.SIGNATURE_SIZE) {
      return false;
    }
    return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
  }

  /** HKDF-SHA256 (RFC 5869) of {@code length} bytes. */
  public static byte[] hkdfSha256(byte[] ikm, byte[] salt, byte[] info, int length) {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(ikm, salt, info));
    byte[] out = new byte[length];
    hkdf.generateBytes(out, 0, length);
    return out;
  }

  /** SHA-256 of {@code data}. */
  public static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        md.update(part);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /** UTF-8 bytes of {@code s}. */
  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * AES-GCM encryption; writes {@code nonce || ciphertext || tag} into a new array after {@code
   * headerLength} zero bytes that the caller fills.
   */
  public static byte[] aesGcmSeal(
      SecretKeySpec key, byte[] nonce, byte[] plaintext, byte[] aad, int headerLength) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(GCM_TAG_BYTES * 8, nonce));
      cipher.updateAAD(aad);
      byte[] out = new byte[headerLength + nonce.length + plaintext.length + GCM_TAG_BYTES];
      System.arraycopy(nonce, 0, out, headerLength, nonce.length);
      cipher.doFinal(plaintext, 0, plaintext.length, out, headerLength + nonce.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /**
   * AES-GCM decryption of {@code nonce || ciphertext || tag} starting at {@code offset}; throws
   * {@link GeneralSecurityException} when the tag does not verify.
   */
  public static byte[] aesGcmOpen(SecretKeySpec key, byte[] sealed, int offset, byte[] aad)
      throws GeneralSecurityException {
    if (sealed.length - offset < GCM_NONCE_BYTES + GCM_TAG_BYTES) {
      throw new GeneralSecurityException("ciphertext too short");
    }
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.DECRYPT_MODE,
        key,
        new GCMParameterSpec(GCM_TAG_BYTES * 8, sealed, offset, GCM_NONCE_BYTES));
    cipher.updateAAD(aad);
    return cipher.doFinal(
        sealed, offset + GCM_NONCE_BYTES, sealed.length - offset - GCM_NONCE_BYTES);
  }
}
