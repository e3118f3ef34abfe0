package dev.bulwark.verification;

import static dev.bulwark.verification.internal.Checks.requireNonNull;

import java.time.Instant;

/**
 * Something about a TOTP or HOTP credential that a host may want to log, alert on or tell the user
 * about. An event never holds a code or a secret.
 *
 * @param type what happened
 * @param credentialId the credential concerned (an opaque identifier, safe to log)
 * @param step the time step or counter concerned: for a replay, the step the code matched
 * @param lastAccepted for a replay, the last step or counter accepted before it; else equal to
 *     {@code step}
 * @param at when it happened, by the verifier's clock
 */
public record OtpEvent(OtpEvent.Type type, String credentialId, long step, long lastAccepted, Instant at) {

  /** What happened. */
  public enum Type {
    /**
     * A correct code was presented again, or after a later one: someone may have seen the user's
     * code (shoulder surfing, phishing relay). Worth a log line at warning level and a notice to
     * the user.
     */
    REPLAY_REJECTED,
    /** An HOTP counter was resynchronized from two consecutive codes (RFC 4226 section 7.4). */
    HOTP_RESYNCHRONIZED,
    /** A TOTP credential was confirmed by its first valid code and is now active. */
    CREDENTIAL_ACTIVATED,
    /** A TOTP credential was removed. */
    CREDENTIAL_REMOVED
  }

  /** Checks the components. */
  public OtpEvent {
    requireNonNull(type, "type");
    requireNonNull(credentialId, "credentialId");
    requireNonNull(at, "at");
  }
}
