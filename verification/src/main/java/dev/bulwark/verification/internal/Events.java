package dev.bulwark.verification.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs host callbacks so that a failing one never changes a result. */
public final class Events {
  private static final Logger LOG = LoggerFactory.getLogger(Events.class);

  private Events() {}

  /** Runs {@code callback}, logging (without its message, which could hold anything) if it throws. */
  public static void deliver(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      LOG.error("an OtpEventListener threw {}; the event was dropped", e.getClass().getName());
    }
  }
}
