package dev.bulwark.keys;

import java.security.GeneralSecurityException;

/**
 * A ciphertext could not be opened, or a key version cannot be used; the message never contains
 * material or plaintext.
 */
public final class KeyRingException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  /** Why the operation was refused. */
  public enum Reason {
    /** Not a ciphertext of this format (too short, unknown format byte). */
    MALFORMED,
    /** The ciphertext names a version this ring does not have. */
    UNKNOWN_VERSION,
    /** The version is revoked, or below the minimum decryption version. */
    REVOKED,
    /** The version was destroyed. */
    DESTROYED,
    /** The tag did not verify: altered ciphertext, wrong associated data or wrong ring. */
    AUTHENTICATION_FAILED
  }

  private final Reason reason;

  /** An exception for {@code reason}. */
  public KeyRingException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** Why the operation was refused. */
  public Reason reason() {
    return reason;
  }
}
