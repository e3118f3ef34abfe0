package dev.bulwark.keys;

/**
 * A key, a signature or an upload was refused; nothing was stored.
 *
 * <p>An {@link IllegalArgumentException}, so code that treats all bad input alike can, while {@link
 * #reason()} lets the host answer precisely. The message never contains key material.
 */
public final class KeyRejectedException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Why an upload was refused. */
  public enum Reason {
    /** A key had the wrong length for its algorithm. */
    WRONG_LENGTH,
    /** A key was not a valid point (or was a low-order point). */
    INVALID_POINT,
    /** The algorithm cannot be used where it was given (e.g. an X25519 identity key). */
    UNSUPPORTED_ALGORITHM,
    /** A signature did not verify under the device's identity key. */
    BAD_SIGNATURE,
    /** The device has no identity key yet, so nothing signed can be accepted. */
    NO_IDENTITY_KEY,
    /** A key ID was outside 0..2^31-1. */
    KEY_ID_OUT_OF_RANGE,
    /** A key ID appeared twice in one batch, or is already stored. */
    DUPLICATE_KEY_ID,
    /** A batch was empty or larger than allowed. */
    BAD_BATCH_SIZE,
    /** Storing the batch would exceed the device's one-time prekey capacity. */
    TOO_MANY_KEYS,
    /** The key (by ID or by value) was revoked and may never be uploaded again. */
    REVOKED_KEY,
    /** The key to revoke is not known for this device. */
    UNKNOWN_KEY
  }

  private final Reason reason;

  /** A rejection for {@code reason}, with a message free of key material. */
  public KeyRejectedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** Why the key or upload was refused. */
  public Reason reason() {
    return reason;
  }
}
