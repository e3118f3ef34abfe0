package dev.bulwark.verification;

/** What a resend request decided. */
public enum ResendStatus {
  /** A new code was issued; the previous one is invalid from this moment, whatever its state. */
  SENT,
  /** The cooldown since the last send has not passed; nothing changed. */
  COOLDOWN,
  /** The session has sent its maximum number of codes; nothing changed. Start a new session. */
  SEND_LIMIT_REACHED,
  /**
   * The session was started for another purpose or destination; nothing changed. A resend never
   * redirects a session's codes.
   */
  BINDING_MISMATCH,
  /** The session is unknown, malformed or expired. */
  NOT_FOUND
}
