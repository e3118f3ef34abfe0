package dev.bulwark.keys;

/**
 * Receives {@link KeyRingEvent}s. Called synchronously on the thread that made the change, after it
 * was stored; an exception it throws is logged and does not undo or block the change.
 */
@FunctionalInterface
public interface KeyRingListener {

  /** Called once per event. */
  void onEvent(KeyRingEvent event);
}
