package dev.bulwark.verification;

/** What confirming a TOTP enrollment decided. */
public enum EnrollmentStatus {
  /** The code was right: the credential is active, and that code is spent. */
  ACTIVATED,
  /** The code was well formed but wrong; the enrollment stays pending. */
  INVALID_CODE,
  /** The input was not a code of the credential's length; nothing changed. */
  MALFORMED,
  /** No such pending enrollment: never begun, replaced by a newer one, expired or already active. */
  NOT_FOUND,
  /** The account already has the maximum number of active credentials; nothing changed. */
  LIMIT_REACHED
}
