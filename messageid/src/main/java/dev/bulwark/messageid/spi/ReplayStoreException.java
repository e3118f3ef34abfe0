package dev.bulwark.messageid.spi;

/**
 * Thrown by a {@link ReplayStore} that cannot answer (its backend is down or timed out). The
 * message must then be refused: a guard that cannot tell a replay from a new message fails closed.
 */
public class ReplayStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message must not contain account identifiers. */
  public ReplayStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception; the message must not contain account identifiers. */
  public ReplayStoreException(String message) {
    super(message);
  }
}
