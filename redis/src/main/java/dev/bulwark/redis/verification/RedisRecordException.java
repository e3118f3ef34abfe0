package dev.bulwark.redis.verification;

import dev.bulwark.verification.spi.VerificationStoreException;

/**
 * A record read from Redis has an unknown format version or is malformed (written by a newer
 * Bulwark, or by something else under the same key prefix). Verification fails closed: the
 * operation that met the record accepts nothing, and the record is left as it is. The message names
 * the kind of record, never its key or content.
 */
public final class RedisRecordException extends VerificationStoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the kind of record and the defect. */
  public RedisRecordException(String message) {
    super(message);
  }

  /** Creates the exception with a message that names the kind of record and the defect. */
  public RedisRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
