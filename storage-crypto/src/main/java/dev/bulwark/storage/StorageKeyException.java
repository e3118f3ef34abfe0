package dev.bulwark.storage;

/**
 * Thrown when a data key cannot be created, wrapped or unwrapped for sealing a record (for example,
 * the KMS behind the {@link dev.bulwark.storage.spi.KeyEncryptionKeyProvider} refused). Nothing is
 * stored. The message names no key or recipient.
 */
public final class StorageKeyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StorageKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
