package dev.bulwark.verification;

/** What a TOTP or HOTP verification decided. */
public enum OtpVerificationStatus {
  /** The code matched a step (or counter) never accepted before, which is now recorded. */
  VERIFIED,
  /** The code matched no step (or counter) in the window. */
  INVALID,
  /**
   * The code matched, but its step (or counter) is at or below the last one accepted for this
   * credential: a replay (RFC 6238 section 5.2). An event was emitted.
   */
  REPLAYED,
  /** The input was not exactly the expected number of ASCII digits; nothing was computed or changed. */
  MALFORMED
}
