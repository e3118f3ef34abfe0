package dev.bulwark.keys.internal;

import dev.bulwark.keys.spi.MasterKeyProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

/**
 * The default master key: AES-256-GCM, wrapped form {@code 0x01 || nonce(12) || ciphertext ||
 * tag(16)}, the associated data authenticated together with the format byte.
 */
public final class AesGcmMasterKey implements MasterKeyProvider {
  private static final byte FORMAT = 0x01;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  /** A master key from 32 raw bytes (copied). */
  public AesGcmMasterKey(byte[] key) {
    Checks.requireNonNull(key, "key");
    Checks.requireArgument(key.length == 32, "master key must be 32 bytes, got %d", key.length);
    this.key = new SecretKeySpec(key, "AES");
  }

  /** Reads 32 raw bytes or their base64 from {@code file}. */
  public static AesGcmMasterKey fromFile(Path file) throws IOException {
    byte[] content = Files.readAllBytes(file);
    try {
      if (content.length == 32) {
        return new AesGcmMasterKey(content);
      }
      return new AesGcmMasterKey(decode(new String(content, StandardCharsets.US_ASCII)));
    } finally {
      Arrays.fill(content, (byte) 0);
    }
  }

  /** Reads the base64 key in variable {@code name} of {@code environment}. */
  public static AesGcmMasterKey fromEnvironment(String name, Map<String, String> environment) {
    String value = environment.get(name);
    Checks.requireArgument(value != null, "environment variable %s is not set", name);
    return new AesGcmMasterKey(decode(value));
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("master key is not valid base64");
    }
  }

  @Override
  public byte[] wrap(byte[] material, byte[] associatedData) {
    byte[] nonce = new byte[Crypto.GCM_NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] out = Crypto.aesGcmSeal(key, nonce, material, aad(associatedData), 1);
    out[0] = FORMAT;
    return out;
  }

  @Override
  public byte[] unwrap(byte[] wrapped, byte[] associatedData) throws GeneralSecurityException {
    if (wrapped.length == 0 || wrapped[0] != FORMAT) {
      throw new GeneralSecurityException("unknown wrapped-key format");
    }
    return Crypto.aesGcmOpen(key, wrapped, 1, aad(associatedData));
  }

  private static byte[] aad(byte[] associatedData) {
    byte[] aad = new byte[associatedData.length + 1];
    aad[0] = FORMAT;
    System.arraycopy(associatedData, 0, aad, 1, associatedData.length);
    return aad;
  }

  @Override
  public String toString() {
    return "AesGcmMasterKey[material hidden]";
  }
}
