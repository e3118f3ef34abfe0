package dev.bulwark.verification.spi;

/**
 * Thrown (or used to complete a future exceptionally) by a verification store that cannot answer:
 * unreachable, timed out, overloaded. Verification fails closed: the operation that needed the
 * store throws this exception and accepts nothing. Messages must not contain codes, hashes,
 * secrets or destinations.
 */
public class VerificationStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the failure. */
  public VerificationStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception with a message that names the failure. */
  public VerificationStoreException(String message) {
    super(message);
  }
}
