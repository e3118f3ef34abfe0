package dev.bulwark.storage;

/**
 * Thrown by {@link EphemeralStore#put} when a payload is longer than the store's configured
 * maximum. Nothing is stored.
 */
public final class PayloadTooLargeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int maximum;

  PayloadTooLargeException(int length, int maximum) {
    super("payload must be at most " + maximum + " bytes, got " + length);
    this.maximum = maximum;
  }

  /** The configured maximum payload length in bytes. */
  public int maximum() {
    return maximum;
  }
}
