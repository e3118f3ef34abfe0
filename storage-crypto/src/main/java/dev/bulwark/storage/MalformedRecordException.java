package dev.bulwark.storage;

import java.security.GeneralSecurityException;

/**
 * Thrown by {@link RecordFormat#parseHeader} for bytes that are not a record this version reads;
 * {@link #reason()} says which check failed. The message never contains the bytes.
 */
public final class MalformedRecordException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  private final UnreadableReason reason;

  MalformedRecordException(UnreadableReason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /**
   * Which check failed: {@link UnreadableReason#MALFORMED} or {@link
   * UnreadableReason#UNKNOWN_FORMAT_VERSION}.
   */
  public UnreadableReason reason() {
    return reason;
  }
}
