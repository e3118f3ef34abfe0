package dev.bulwark.redis.messageid;

import dev.bulwark.messageid.spi.ReplayStoreException;

/**
 * A replay record read from Redis has an unknown format version or is malformed (written by a newer
 * Bulwark, or by something else under the same key prefix). The message is refused (fail closed)
 * and the record is left as it is. The message names the kind of record, never its key or the
 * account.
 */
public final class RedisReplayRecordException extends ReplayStoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the kind of record and the defect. */
  public RedisReplayRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
