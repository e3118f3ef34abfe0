package dev.bulwark.verification;

import java.time.Instant;

/**
 * A TOTP enrollment awaiting its first code: show {@link #keyUri()} as a QR code (and {@link
 * #secret()}'s Base32 for manual entry), then pass the user's first code to {@link
 * TotpCredentials#confirm}. {@code toString()} shows neither the secret nor the URI.
 */
public final class PendingEnrollment {
  private final String credentialId;
  private final OtpSecret secret;
  private final String keyUri;
  private final Instant expiresAt;

  PendingEnrollment(String credentialId, OtpSecret secret, String keyUri, Instant expiresAt) {
    this.credentialId = credentialId;
    this.secret = secret;
    this.keyUri = keyUri;
    this.expiresAt = expiresAt;
  }

  /** The new credential's ID, to pass to {@link TotpCredentials#confirm}. */
  public String credentialId() {
    return credentialId;
  }

  /** The secret, for manual entry. <b>Warning:</b> show it once, never log it. */
  public OtpSecret secret() {
    return secret;
  }

  /** The {@code otpauth://} URI for a QR code. <b>Warning:</b> it contains the secret. */
  public String keyUri() {
    return keyUri;
  }

  /** Until when the enrollment can be confirmed. */
  public Instant expiresAt() {
    return expiresAt;
  }

  @Override
  public String toString() {
    return "PendingEnrollment[" + credentialId + ", expiresAt=" + expiresAt + "]";
  }
}
