package dev.bulwark.keys;

/**
 * Another node changed the ring first; this instance has reloaded the winner's state, and the
 * caller may decide again (for instance, not rotate, since the other node already did).
 */
public final class KeyRingConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A conflict on ring {@code ring}. */
  public KeyRingConflictException(String ring) {
    super("key ring " + ring + " was changed concurrently; reloaded");
  }
}
