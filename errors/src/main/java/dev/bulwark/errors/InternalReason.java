package dev.bulwark.errors;

/**
 * Why a request failed, as the server knows it. These reasons are rich on purpose and never reach a
 * client: an {@link OutcomeTable} maps each of them to a {@link PublicOutcome}, and the reason
 * itself goes only to the internal log line under the response's correlation ID.
 */
public enum InternalReason {
  /** The subject (account, phone number, user name, key owner) does not exist. */
  UNKNOWN_SUBJECT,
  /** The subject exists but the presented secret (password, code, signature) is wrong. */
  WRONG_SECRET,
  /** The subject exists and is locked, e.g. by a lockout after failed attempts. */
  LOCKED,
  /** The subject exists and has been disabled by an administrator or by the user. */
  DISABLED,
  /** The credential, code, session or token has expired. */
  EXPIRED,
  /** The caller was rate limited. */
  RATE_LIMITED,
  /** The request was malformed (bad syntax, missing field, out-of-range value). */
  MALFORMED,
  /** The server failed (a store was down, a bug threw). */
  INTERNAL_ERROR;

  /**
   * Returns whether this reason reveals that a subject exists or does not exist, and so must share
   * its public outcome with the other such reasons on an enumeration-sensitive surface: unknown
   * subject, wrong secret, locked and disabled (OWASP: same message, same status, same headers).
   */
  public boolean revealsExistence() {
    return this == UNKNOWN_SUBJECT || this == WRONG_SECRET || this == LOCKED || this == DISABLED;
  }
}
