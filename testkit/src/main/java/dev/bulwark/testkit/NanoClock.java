package dev.bulwark.testkit;

/**
 * The clock the detector reads around each measured call: nanoseconds, only differences meaningful.
 * Tests of the detector itself inject a manual clock; real measurements use {@link #system()}.
 */
@FunctionalInterface
public interface NanoClock {

  /** Returns the current reading in nanoseconds. */
  long read();

  /** Returns the clock backed by {@link System#nanoTime()}. */
  static NanoClock system() {
    return System::nanoTime;
  }
}
