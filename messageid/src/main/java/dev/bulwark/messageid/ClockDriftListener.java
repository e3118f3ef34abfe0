package dev.bulwark.messageid;

/**
 * Receives {@link ClockDriftEvent}s from a {@link ServerClock}: hook it to an alert, since a wall
 * clock that steps back usually means a broken time source.
 *
 * <p>Called on the thread that read the clock, after the timestamp was issued and outside any lock.
 * Must be thread-safe and quick; an exception it throws is caught and dropped, so that a broken
 * listener cannot stop the server from issuing timestamps.
 */
@FunctionalInterface
public interface ClockDriftListener {

  /** Called once when the wall clock is found to have stepped back by more than the threshold. */
  void onBackwardStep(ClockDriftEvent event);

  /** A listener that ignores every event. */
  static ClockDriftListener ignoring() {
    return event -> {};
  }
}
