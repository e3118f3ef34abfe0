package dev.bulwark.storage.spi;

/**
 * Thrown by a remote {@link BlobStore} or {@link WrappedKeyStore} when its backend gave no answer
 * in time (down, paused, unreachable, or an error reply). Each store method is one atomic
 * transition, so nothing is half-written: the transition happened entirely or not at all. After a
 * timeout the caller cannot tell which; every method is safe to retry except {@link BlobStore#put},
 * whose retry may find its own record already stored.
 *
 * <p>The message names the kind of failure only, never a key, a reference or a value.
 */
public class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates one with a message that names no key, reference or value. */
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
