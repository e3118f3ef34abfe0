package dev.bulwark.errors;

/**
 * A source of nanosecond time: one {@code long} per read, no allocation. Only differences between
 * readings are meaningful, as with {@link System#nanoTime()}. Implementations must be thread-safe
 * and monotonic. Tests inject a manual ticker; production uses {@link #system()}.
 */
@FunctionalInterface
public interface Ticker {

  /** Returns the current reading in nanoseconds. */
  long read();

  /** Returns the ticker backed by {@link System#nanoTime()}. */
  static Ticker system() {
    return SystemTime.INSTANCE;
  }
}
