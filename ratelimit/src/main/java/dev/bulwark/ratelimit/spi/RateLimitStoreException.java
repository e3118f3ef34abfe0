package dev.bulwark.ratelimit.spi;

/**
 * Thrown (or used to complete a future exceptionally) by a {@link RateLimitStore} that cannot
 * answer: unreachable, timed out, overloaded. The limiter then applies the policy's {@link
 * dev.bulwark.ratelimit.FailureMode}. Messages must not contain keys.
 */
public class RateLimitStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the failure, never a key. */
  public RateLimitStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception with a message that names the failure, never a key. */
  public RateLimitStoreException(String message) {
    super(message);
  }
}
