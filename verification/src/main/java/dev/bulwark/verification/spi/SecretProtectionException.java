package dev.bulwark.verification.spi;

/**
 * A protected secret could not be opened: it was tampered with, belongs to another credential, was
 * sealed under another key, or has an unknown format version. Messages never contain key material
 * or secrets.
 */
public class SecretProtectionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the failure. */
  public SecretProtectionException(String message) {
    super(message);
  }

  /** Creates the exception with a message that names the failure. */
  public SecretProtectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
