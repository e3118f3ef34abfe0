package dev.bulwark.groups;

/**
 * Thrown when bytes are not a valid encoding in the format of {@link GroupChangeCodec}: unknown
 * format version, unknown action tag, a length out of range, a truncated field or trailing bytes;
 * or not a valid {@link RetiredServerKey#exportSecret() exported retired server key}: a wrong
 * length, an unknown format version or a failed check value. The message names the field and the
 * rule, never the content. Nothing is stored when it is thrown.
 */
public final class MalformedEncodingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the offending field and rule. */
  public MalformedEncodingException(String message) {
    super(message);
  }
}
