package dev.bulwark.keys.spi;

import dev.bulwark.keys.internal.AesGcmMasterKey;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;

/**
 * Wraps and unwraps key-ring material under a master key the ring never sees: a key file or an
 * environment variable by default, a PKCS#11 token or a cloud KMS when a host plugs one in.
 *
 * <p>Implementations must be thread-safe, must authenticate {@code associatedData} (a ring's name
 * and version, so wrapped material cannot be moved between versions or rings), and must never log
 * or print material.
 */
public interface MasterKeyProvider {

  /** Wraps {@code material}, bound to {@code associatedData}. */
  byte[] wrap(byte[] material, byte[] associatedData);

  /**
   * Unwraps what {@link #wrap} returned for the same {@code associatedData}.
   *
   * @throws GeneralSecurityException if {@code wrapped} was altered, wrapped under another key or
   *     for other associated data
   */
  byte[] unwrap(byte[] wrapped, byte[] associatedData) throws GeneralSecurityException;

  /** An AES-256-GCM master key from 32 raw bytes (copied). */
  static MasterKeyProvider aesGcm(byte[] key) {
    return new AesGcmMasterKey(key);
  }

  /**
   * An AES-256-GCM master key read from a file holding either 32 raw bytes or their base64.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if it does not hold a 32-byte key
   */
  static MasterKeyProvider fromFile(Path file) throws IOException {
    return AesGcmMasterKey.fromFile(file);
  }

  /**
   * An AES-256-GCM master key from the base64 value of environment variable {@code name}.
   *
   * @throws IllegalArgumentException if the variable is unset or not a base64 32-byte key
   */
  static MasterKeyProvider fromEnvironment(String name) {
    return fromEnvironment(name, System.getenv());
  }

  /** As {@link #fromEnvironment(String)}, reading from {@code environment}. */
  static MasterKeyProvider fromEnvironment(String name, Map<String, String> environment) {
    return AesGcmMasterKey.fromEnvironment(name, environment);
  }
}
