package dev.bulwark.verification.spi;

import static dev.bulwark.verification.internal.Checks.requireNonNull;

import dev.bulwark.verification.TotpParameters;

/**
 * A TOTP credential as stored: its ID, its secret sealed by a {@link SecretProtector}, its
 * parameters, and whether it is still pending confirmation. Immutable; {@code toString()} shows no
 * secret.
 */
public final class StoredTotpCredential {
  private final String credentialId;
  private final byte[] sealedSecret;
  private final TotpParameters parameters;
  private final long createdAtMillis;
  private final long pendingUntilMillis;
  private final boolean active;

  private StoredTotpCredential(
      String credentialId,
      byte[] sealedSecret,
      TotpParameters parameters,
      long createdAtMillis,
      long pendingUntilMillis,
      boolean active) {
    this.credentialId = requireNonNull(credentialId, "credentialId");
    this.sealedSecret = requireNonNull(sealedSecret, "sealedSecret").clone();
    this.parameters = requireNonNull(parameters, "parameters");
    this.createdAtMillis = createdAtMillis;
    this.pendingUntilMillis = pendingUntilMillis;
    this.active = active;
  }

  /** A credential awaiting its first code until {@code pendingUntilMillis}. */
  public static StoredTotpCredential pending(
      String credentialId,
      byte[] sealedSecret,
      TotpParameters parameters,
      long createdAtMillis,
      long pendingUntilMillis) {
    return new StoredTotpCredential(
        credentialId, sealedSecret, parameters, createdAtMillis, pendingUntilMillis, false);
  }

  /** The same credential, confirmed. */
  public StoredTotpCredential activated() {
    return new StoredTotpCredential(
        credentialId, sealedSecret, parameters, createdAtMillis, Long.MAX_VALUE, true);
  }

  /** The credential's ID. */
  public String credentialId() {
    return credentialId;
  }

  /** A copy of the sealed secret. */
  public byte[] sealedSecret() {
    return sealedSecret.clone();
  }

  /** The parameters. */
  public TotpParameters parameters() {
    return parameters;
  }

  /** When the enrollment began (epoch ms). */
  public long createdAtMillis() {
    return createdAtMillis;
  }

  /** Until when a pending credential may be confirmed (epoch ms); {@link Long#MAX_VALUE} once active. */
  public long pendingUntilMillis() {
    return pendingUntilMillis;
  }

  /** Whether the credential was confirmed. */
  public boolean isActive() {
    return active;
  }

  @Override
  public String toString() {
    return "StoredTotpCredential[" + credentialId + (active ? ", active" : ", pending") + "]";
  }
}
