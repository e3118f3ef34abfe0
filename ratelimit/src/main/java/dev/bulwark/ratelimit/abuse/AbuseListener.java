package dev.bulwark.ratelimit.abuse;

/**
 * Receives {@link AbuseEvent}s from an {@link AbuseMonitor}.
 *
 * <p>Called synchronously on the thread that recorded the triggering request, outside the monitor's
 * locks, so it should be quick (hand slow work to an executor). It may be called from several
 * threads at once. An exception it throws is counted ({@link AbuseMonitor#listenerFailures()}) and
 * otherwise ignored, so a faulty listener cannot break request handling.
 */
@FunctionalInterface
public interface AbuseListener {

  /** Handles one event. */
  void onEvent(AbuseEvent event);
}
