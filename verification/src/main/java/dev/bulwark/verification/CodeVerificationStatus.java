package dev.bulwark.verification;

/**
 * What a one-time code verification decided. These are internal reasons: {@code bulwark-errors}
 * maps them to one opaque public answer.
 */
public enum CodeVerificationStatus {
  /** The code was right and is now consumed: it will never verify again. */
  VERIFIED,
  /** The code was wrong; an attempt was counted and attempts remain. */
  INVALID,
  /** The code's lifetime is over; nothing was counted. A resend issues a new one. */
  EXPIRED,
  /**
   * The attempt budget is spent and the code is burned: it never verifies again, even when right.
   * Returned by the attempt that spent the last of the budget and by every attempt after it.
   */
  ATTEMPTS_EXHAUSTED,
  /**
   * No live code: the session is unknown, malformed or expired, or its code was already consumed.
   */
  NOT_FOUND,
  /**
   * The input was not exactly {@code length} ASCII digits. Nothing was counted or changed and the
   * store was not consulted, so the attempt count and times are unknown.
   */
  MALFORMED
}
