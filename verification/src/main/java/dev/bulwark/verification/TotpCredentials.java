package dev.bulwark.verification;

import static dev.bulwark.verification.internal.Checks.requireArgument;
import static dev.bulwark.verification.internal.Checks.requireIdentifier;
import static dev.bulwark.verification.internal.Checks.requireInRange;
import static dev.bulwark.verification.internal.Checks.requireNonNull;
import static dev.bulwark.verification.internal.Checks.requireState;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.verification.internal.Digits;
import dev.bulwark.verification.internal.Events;
import dev.bulwark.verification.internal.Randoms;
import dev.bulwark.verification.memory.MemoryTotpCredentialStore;
import dev.bulwark.verification.spi.SecretProtectionException;
import dev.bulwark.verification.spi.SecretProtector;
import dev.bulwark.verification.spi.StoredTotpCredential;
import dev.bulwark.verification.spi.TotpCredentialStore;
import dev.bulwark.verification.spi.VerificationStoreException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * TOTP credentials of accounts: enrollment, confirmation, verification, removal.
 *
 * <p><b>Enrollment.</b> {@link #begin} generates a secret as long as the HMAC output, seals it with
 * the {@link SecretProtector} (AES-256-GCM by default, bound to the credential ID), stores it as
 * the account's pending credential and returns the {@code otpauth://} URI. The credential becomes
 * active only when {@link #confirm} receives a first valid code, which proves the user's
 * authenticator holds the secret; that code is then spent (replay-protected like any other). An
 * account holds at most {@code maxCredentialsPerAccount} active credentials (2 by default), checked
 * atomically at activation.
 *
 * <p><b>Verification.</b> {@link #verify} checks a code against every active credential of the
 * account (each window in full, no early exit) and accepts it for the first that matches, through
 * the {@link TotpVerifier} and its replay store.
 *
 * <p>This class is thread-safe.
 */
public final class TotpCredentials {
  /** The default limit on active credentials per account. */
  public static final int DEFAULT_MAX_CREDENTIALS = 2;

  private final String issuer;
  private final TotpParameters parameters;
  private final TotpCredentialStore store;
  private final SecretProtector protector;
  private final TotpVerifier verifier;
  private final SecureRandom random;
  private final int maxCredentials;
  private final long pendingLifetimeMillis;

  private TotpCredentials(Builder b) {
    requireState(b.issuer != null, "an issuer is required: call issuer(String) on the builder");
    requireState(b.protector != null, "a SecretProtector is required: call protector(...) or protectionKey(...)");
    this.issuer = b.issuer;
    this.parameters = b.parameters;
    this.verifier = b.verifier;
    this.store =
        b.store != null ? b.store : MemoryTotpCredentialStore.builder().clock(b.verifier.clock()).build();
    this.protector = b.protector;
    this.random = b.random;
    this.maxCredentials = b.maxCredentials;
    this.pendingLifetimeMillis = b.pendingLifetimeMillis;
  }

  /** Returns a builder; an issuer and a protector are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Begins enrolling a new credential for the account, replacing any pending one.
   *
   * @param accountId the host's account identifier (1 to 128 printable ASCII characters)
   * @param accountLabel what the authenticator app shows under the issuer (e.g. the user's
   *     e-mail address or phone number); 1 to 256 characters, no colon
   * @throws IllegalArgumentException if an argument is malformed
   * @throws IllegalStateException if the account already has the maximum of active credentials
   * @throws VerificationStoreException if the store cannot answer
   */
  public PendingEnrollment begin(String accountId, String accountLabel) {
    requireIdentifier(accountId, "accountId");
    requireNonNull(accountLabel, "accountLabel");
    int active = store.active(accountId).size();
    requireState(
        active < maxCredentials,
        "the account already has %d active TOTP credentials, the maximum; remove one first",
        active);
    OtpSecret secret = OtpSecret.generate(parameters.algorithm().macLength(), random);
    String uri = KeyUri.totp(issuer, accountLabel, secret, parameters);
    String credentialId = "totp-" + Randoms.base64Url(random, 16);
    long now = verifier.clock().millis();
    long until = now + pendingLifetimeMillis;
    byte[] raw = secret.toByteArray();
    try {
      store.putPending(
          accountId,
          StoredTotpCredential.pending(
              credentialId, protector.protect(raw, credentialId), parameters, now, until));
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
    return new PendingEnrollment(credentialId, secret, uri, Instant.ofEpochMilli(until));
  }

  /**
   * Confirms a pending enrollment with the first code from the user's authenticator.
   *
   * @throws IllegalArgumentException if {@code accountId} or {@code credentialId} is malformed
   * @throws SecretProtectionException if the stored secret does not open (tampering, wrong key)
   * @throws VerificationStoreException if a store cannot answer
   */
  public EnrollmentStatus confirm(String accountId, String credentialId, @Nullable CharSequence code) {
    requireIdentifier(accountId, "accountId");
    requireIdentifier(credentialId, "credentialId");
    long now = verifier.clock().millis();
    StoredTotpCredential pending = store.pending(accountId, credentialId, now);
    if (pending == null) {
      return EnrollmentStatus.NOT_FOUND;
    }
    Totp totp = open(pending);
    if (store.active(accountId).size() >= maxCredentials) {
      return EnrollmentStatus.LIMIT_REACHED;
    }
    OtpVerification v = verifier.verify(credentialId, totp, code);
    switch (v.status()) {
      case MALFORMED:
        return EnrollmentStatus.MALFORMED;
      case INVALID:
      case REPLAYED:
        return EnrollmentStatus.INVALID_CODE;
      default:
        break;
    }
    TotpCredentialStore.Activation a = store.activate(accountId, credentialId, maxCredentials, now);
    switch (a) {
      case ACTIVATED:
        emit(OtpEvent.Type.CREDENTIAL_ACTIVATED, credentialId, v.matchedStep().orElse(0), now);
        return EnrollmentStatus.ACTIVATED;
      case LIMIT_REACHED:
        return EnrollmentStatus.LIMIT_REACHED;
      default:
        return EnrollmentStatus.NOT_FOUND;
    }
  }

  /**
   * Verifies {@code code} against the account's active credentials. {@code INVALID} if the
   * account has none.
   *
   * @throws IllegalArgumentException if {@code accountId} is malformed
   * @throws SecretProtectionException if a stored secret does not open
   * @throws VerificationStoreException if a store cannot answer
   */
  public OtpVerification verify(String accountId, @Nullable CharSequence code) {
    requireIdentifier(accountId, "accountId");
    List<StoredTotpCredential> active = store.active(accountId);
    long now = verifier.clock().millis();
    List<Totp> keys = new ArrayList<>(active.size());
    long[] masks = new long[active.size()];
    boolean wellFormedForAny = false;
    for (int i = 0; i < active.size(); i++) {
      Totp totp = open(active.get(i));
      keys.add(totp);
      masks[i] = totp.matchWindow(code, totp.stepAtMillis(now));
      wellFormedForAny |= masks[i] >= 0;
    }
    if (active.isEmpty() ? !looksLikeCode(code) : !wellFormedForAny) {
      return OtpVerification.malformed();
    }
    OtpVerification replay = null;
    for (int i = 0; i < masks.length; i++) {
      if (masks[i] > 0) {
        Totp totp = keys.get(i);
        OtpVerification v =
            verifier.accept(active.get(i).credentialId(), totp, masks[i], totp.stepAtMillis(now), now);
        if (v.isVerified()) {
          return v;
        }
        replay = replay == null ? v : replay;
      }
    }
    return replay != null ? replay : OtpVerification.invalid();
  }

  /**
   * Removes a credential, pending or active, and forgets its replay record.
   *
   * @return whether it existed
   * @throws VerificationStoreException if a store cannot answer
   */
  @CanIgnoreReturnValue
  public boolean remove(String accountId, String credentialId) {
    requireIdentifier(accountId, "accountId");
    requireIdentifier(credentialId, "credentialId");
    boolean removed = store.remove(accountId, credentialId);
    if (removed) {
      verifier.store().forget(credentialId);
      emit(OtpEvent.Type.CREDENTIAL_REMOVED, credentialId, 0, verifier.clock().millis());
    }
    return removed;
  }

  /** The IDs of the account's active credentials, oldest first. */
  public List<String> activeCredentialIds(String accountId) {
    requireIdentifier(accountId, "accountId");
    List<String> ids = new ArrayList<>();
    for (StoredTotpCredential c : store.active(accountId)) {
      ids.add(c.credentialId());
    }
    return List.copyOf(ids);
  }

  private Totp open(StoredTotpCredential credential) {
    byte[] raw = protector.unprotect(credential.sealedSecret(), credential.credentialId());
    try {
      return Totp.of(OtpSecret.copyOf(raw), credential.parameters());
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private boolean looksLikeCode(@Nullable CharSequence code) {
    return Digits.parse(code, parameters.digits()) >= 0;
  }

  private void emit(OtpEvent.Type type, String credentialId, long step, long now) {
    OtpEvent event = new OtpEvent(type, credentialId, step, step, Instant.ofEpochMilli(now));
    Events.deliver(() -> verifier.listener().onEvent(event));
  }

  /** Builds {@link TotpCredentials}. */
  public static final class Builder {
    private @Nullable String issuer;
    private TotpParameters parameters = TotpParameters.defaults();
    private @Nullable TotpCredentialStore store;
    private @Nullable SecretProtector protector;
    private TotpVerifier verifier = TotpVerifier.create();
    private SecureRandom random = Randoms.secureRandom();
    private int maxCredentials = DEFAULT_MAX_CREDENTIALS;
    private long pendingLifetimeMillis = Duration.ofMinutes(10).toMillis();

    private Builder() {}

    /**
     * Sets the issuer shown by authenticator apps (the service's name): 1 to 256 characters, no
     * colon.
     */
    @CanIgnoreReturnValue
    public Builder issuer(String issuer) {
      requireNonNull(issuer, "issuer");
      requireArgument(!issuer.isEmpty() && issuer.length() <= 256, "issuer must be 1 to 256 characters");
      requireArgument(issuer.indexOf(':') < 0, "issuer must not contain a colon");
      this.issuer = issuer;
      return this;
    }

    /** Sets the parameters of new credentials; {@link TotpParameters#defaults()} by default. */
    @CanIgnoreReturnValue
    public Builder parameters(TotpParameters parameters) {
      this.parameters = requireNonNull(parameters, "parameters");
      return this;
    }

    /** Sets the credential store; an in-memory store on the verifier's clock by default. */
    @CanIgnoreReturnValue
    public Builder store(TotpCredentialStore store) {
      this.store = requireNonNull(store, "store");
      return this;
    }

    /** Sets how secrets are sealed at rest. */
    @CanIgnoreReturnValue
    public Builder protector(SecretProtector protector) {
      this.protector = requireNonNull(protector, "protector");
      return this;
    }

    /**
     * Seals secrets with the default AES-256-GCM protector under {@code key} (exactly 32 bytes from
     * the host's secret store). The key is copied.
     */
    @CanIgnoreReturnValue
    public Builder protectionKey(byte[] key) {
      this.protector = SecretProtector.aesGcm(key);
      return this;
    }

    /** Sets the verifier (clock, replay store, listener); {@link TotpVerifier#create()} by default. */
    @CanIgnoreReturnValue
    public Builder verifier(TotpVerifier verifier) {
      this.verifier = requireNonNull(verifier, "verifier");
      return this;
    }

    /** Sets the random source for secrets and credential IDs. */
    @CanIgnoreReturnValue
    public Builder random(SecureRandom random) {
      this.random = requireNonNull(random, "random");
      return this;
    }

    /** Sets the limit on active credentials per account, 1 to 10; 2 by default. */
    @CanIgnoreReturnValue
    public Builder maxCredentialsPerAccount(int max) {
      this.maxCredentials = requireInRange("maxCredentialsPerAccount", max, 1, 10);
      return this;
    }

    /** Sets how long an enrollment may wait for its first code, 1 minute to 1 hour; 10 minutes by default. */
    @CanIgnoreReturnValue
    public Builder pendingLifetime(Duration lifetime) {
      requireNonNull(lifetime, "lifetime");
      requireArgument(
          lifetime.compareTo(Duration.ofMinutes(1)) >= 0 && lifetime.compareTo(Duration.ofHours(1)) <= 0,
          "pendingLifetime must be between PT1M and PT1H, got %s",
          lifetime);
      this.pendingLifetimeMillis = lifetime.toMillis();
      return this;
    }

    /**
     * Returns the service.
     *
     * @throws IllegalStateException if the issuer or the protector is missing
     */
    public TotpCredentials build() {
      return new TotpCredentials(this);
    }
  }
}
