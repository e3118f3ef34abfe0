package dev.bulwark.ratelimit;

/**
 * A source of nanosecond time for hot paths: one {@code long} per read, no allocation.
 *
 * <p>Only differences between two readings are meaningful, as with {@link System#nanoTime()}; the
 * absolute value may be anything, including negative, and may wrap. Implementations must be
 * thread-safe and should be monotonic: a ticker that steps backwards only ever makes limiters
 * stricter, never more permissive. Tests inject a manual ticker; production uses {@link #system()}.
 */
@FunctionalInterface
public interface Ticker {

  /** Returns the current reading in nanoseconds. */
  long read();

  /** Returns the ticker backed by {@link System#nanoTime()}. */
  static Ticker system() {
    return SystemTicker.INSTANCE;
  }
}

/** The default ticker; an enum so it is a serializable-free, allocation-free singleton. */
enum SystemTicker implements Ticker {
  INSTANCE;

  @Override
  public long read() {
    return System.nanoTime();
  }
}
