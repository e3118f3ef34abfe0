package dev.bulwark.verification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives {@link OtpEvent}s, synchronously, on the thread that verified. A listener must be
 * thread-safe and quick; an exception it throws is logged and otherwise ignored, so a failing
 * listener never changes a verification's result.
 */
@FunctionalInterface
public interface OtpEventListener {

  /** Handles one event. */
  void onEvent(OtpEvent event);

  /**
   * The default: logs each event through SLF4J (logger {@code dev.bulwark.verification.OtpEvent}),
   * replays at WARN and the rest at INFO, naming the credential and step, never the code.
   */
  static OtpEventListener logging() {
    return LoggingListener.INSTANCE;
  }

  /** A listener that ignores every event. */
  static OtpEventListener none() {
    return event -> {};
  }

  /** Returns a listener that passes each event to this one and then to {@code next}. */
  default OtpEventListener andThen(OtpEventListener next) {
    OtpEventListener first = this;
    return event -> {
      first.onEvent(event);
      next.onEvent(event);
    };
  }
}

/** The logging listener. */
enum LoggingListener implements OtpEventListener {
  INSTANCE;

  private static final Logger LOG = LoggerFactory.getLogger(OtpEvent.class);

  @Override
  public void onEvent(OtpEvent e) {
    if (e.type() == OtpEvent.Type.REPLAY_REJECTED) {
      LOG.warn(
          "one-time password replay rejected: credential={} step={} lastAccepted={}",
          e.credentialId(),
          e.step(),
          e.lastAccepted());
    } else {
      LOG.info("{}: credential={} step={}", e.type(), e.credentialId(), e.step());
    }
  }
}
