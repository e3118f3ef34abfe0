package dev.bulwark.verification.spi;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where TOTP credentials live: per account, at most one pending credential and a bounded number of
 * active ones.
 *
 * <p><b>Contract.</b> Each method is one atomic step per account. {@link #activate} enforces the
 * limit on active credentials in the same step that activates, so two concurrent confirmations can
 * never push an account past it. Secrets arrive sealed by a {@link SecretProtector}. Hosts keep
 * credentials durably; the in-memory default is for tests and demos.
 *
 * <p><b>Failure.</b> A store that cannot answer throws {@link VerificationStoreException}.
 * Implementations must be thread-safe.
 */
public interface TotpCredentialStore {

  /** What {@link #activate} decided. */
  enum Activation {
    /** The pending credential is now active. */
    ACTIVATED,
    /** No pending credential with that ID (never begun, replaced, expired or already active). */
    NOT_FOUND,
    /** The account already has the maximum number of active credentials; nothing changed. */
    LIMIT_REACHED
  }

  /** Atomically stores {@code credential} as the account's pending one, replacing any other. */
  void putPending(String accountId, StoredTotpCredential credential);

  /** Returns the account's pending credential if it has this ID and has not expired at {@code nowMillis}. */
  @Nullable StoredTotpCredential pending(String accountId, String credentialId, long nowMillis);

  /**
   * Atomically activates the pending credential {@code credentialId} if it has not expired at
   * {@code nowMillis} and the account has fewer than {@code maxActive} active credentials.
   */
  Activation activate(String accountId, String credentialId, int maxActive, long nowMillis);

  /** Returns the account's active credentials, oldest first. */
  List<StoredTotpCredential> active(String accountId);

  /** Atomically removes the credential, pending or active; returns whether it existed. */
  boolean remove(String accountId, String credentialId);
}
