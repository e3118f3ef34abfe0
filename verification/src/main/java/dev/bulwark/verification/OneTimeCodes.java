package dev.bulwark.verification;

import static dev.bulwark.verification.internal.Checks.requireArgument;
import static dev.bulwark.verification.internal.Checks.requireNonNull;
import static dev.bulwark.verification.internal.Checks.requireState;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.verification.internal.Digits;
import dev.bulwark.verification.internal.KeyedHash;
import dev.bulwark.verification.internal.Randoms;
import dev.bulwark.verification.memory.MemoryCodeStore;
import dev.bulwark.verification.spi.CodeStore;
import dev.bulwark.verification.spi.ResendOutcome;
import dev.bulwark.verification.spi.StoredCode;
import dev.bulwark.verification.spi.VerificationStoreException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-time codes delivered by SMS, e-mail or voice.
 *
 * <p><b>Issue.</b> {@link #issue} starts a session for a (purpose, destination) pair: a fresh
 * opaque session ID of 160 random bits and a code of {@code length} digits, each digit drawn
 * uniformly from a {@link SecureRandom} (no modulo bias). The store receives only HMAC-SHA256 of
 * the code under the server pepper, bound to session, purpose and destination, so neither a store
 * dump nor a code for another destination or purpose helps an attacker.
 *
 * <p><b>Verify.</b> {@link #verify} parses the input strictly, hashes it the same way and lets the
 * store run attempt-and-consume atomically: the hashes are compared in constant time, each wrong
 * code spends one attempt of a small budget, the budget's end burns the code, and the right code
 * verifies exactly once even under concurrent submissions.
 *
 * <p><b>Resend.</b> {@link #resend} replaces the session's code (the old one stops verifying at
 * once), after a cooldown that doubles with each send, up to a per-session limit.
 *
 * <p>Results are internal reasons; {@code bulwark-errors} maps them to one public answer. Wrong
 * host arguments (a malformed purpose, an empty destination) throw {@link
 * IllegalArgumentException}; client input never does: a malformed session ID is {@code
 * NOT_FOUND}, a malformed code {@code MALFORMED}, and neither changes any state. No code,
 * destination or hash appears in a message or a log line.
 *
 * <p>This class is thread-safe.
 */
public final class OneTimeCodes {
  /** Random bytes in a session ID. */
  static final int SESSION_ID_BYTES = 20;

  /** Characters in a session ID (unpadded base64url of {@link #SESSION_ID_BYTES}). */
  static final int SESSION_ID_CHARS = 27;

  private static final Logger LOG = LoggerFactory.getLogger(OneTimeCodes.class);

  private static final String CODE_DOMAIN = "bulwark.verification.otc.code.v1";
  private static final String BINDING_DOMAIN = "bulwark.verification.otc.binding.v1";

  private final OneTimeCodePolicy policy;
  private final KeyedHash hash;
  private final CodeStore store;
  private final InstantSource clock;
  private final SecureRandom random;

  private OneTimeCodes(Builder b) {
    requireState(b.hash != null, "a pepper is required: call pepper(byte[]) on the builder");
    this.policy = b.policy;
    this.hash = b.hash;
    this.clock = b.clock;
    this.random = b.random;
    this.store = b.store != null ? b.store : MemoryCodeStore.builder().clock(b.clock).build();
  }

  /** Returns a builder; a pepper is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The policy. */
  public OneTimeCodePolicy policy() {
    return policy;
  }

  /**
   * Starts a session for {@code purpose} and {@code destination} with its first code.
   *
   * @param purpose what the code is for: 1 to 64 characters of {@code a-z 0-9 . _ -} (e.g. {@code
   *     registration}, {@code login}, {@code change-number})
   * @param destination where the code goes, as the host normalized it (E.164 number, e-mail
   *     address): 1 to 512 characters; only its keyed hash is stored
   * @throws IllegalArgumentException if {@code purpose} or {@code destination} is malformed
   * @throws VerificationStoreException if the store cannot answer
   */
  public IssuedCode issue(String purpose, String destination) {
    checkBinding(purpose, destination);
    long now = clock.millis();
    for (int tries = 0; ; tries++) {
      String sessionId = Randoms.base64Url(random, SESSION_ID_BYTES);
      OneTimeCode code = newCode();
      StoredCode first =
          StoredCode.first(
              bindingHash(sessionId, purpose, destination),
              codeHash(sessionId, purpose, destination, code.reveal()),
              now,
              policy);
      if (store.create(sessionId, first)) {
        LOG.debug("one-time code issued: purpose={}", purpose);
        return issued(sessionId, code, first);
      }
      requireState(tries < 3, "session IDs keep colliding: the random source is broken");
    }
  }

  /**
   * The asynchronous form of {@link #issue}.
   *
   * @throws IllegalArgumentException at once if {@code purpose} or {@code destination} is
   *     malformed
   */
  public CompletionStage<IssuedCode> issueAsync(String purpose, String destination) {
    checkBinding(purpose, destination);
    long now = clock.millis();
    String sessionId = Randoms.base64Url(random, SESSION_ID_BYTES);
    OneTimeCode code = newCode();
    StoredCode first =
        StoredCode.first(
            bindingHash(sessionId, purpose, destination),
            codeHash(sessionId, purpose, destination, code.reveal()),
            now,
            policy);
    return store
        .createAsync(sessionId, first)
        .thenApply(
            created -> {
              requireState(created, "session ID collision: the random source is broken");
              return issued(sessionId, code, first);
            });
  }

  /**
   * Replaces the session's code with a new one, if the session belongs to {@code purpose} and
   * {@code destination}, its cooldown has passed and it has sends left. The previous code stops
   * verifying at once, whatever its state.
   *
   * @throws IllegalArgumentException if {@code purpose} or {@code destination} is malformed
   * @throws VerificationStoreException if the store cannot answer
   */
  public ResendResult resend(@Nullable String sessionId, String purpose, String destination) {
    checkBinding(purpose, destination);
    if (!isSessionId(sessionId)) {
      return result(ResendOutcome.notFound(), null);
    }
    long now = clock.millis();
    OneTimeCode code = newCode();
    ResendOutcome outcome =
        store.resend(
            sessionId,
            bindingHash(sessionId, purpose, destination),
            codeHash(sessionId, purpose, destination, code.reveal()),
            now,
            policy);
    LOG.debug("one-time code resend: purpose={} status={}", purpose, outcome.status());
    return result(outcome, code);
  }

  /** The asynchronous form of {@link #resend}. */
  public CompletionStage<ResendResult> resendAsync(
      @Nullable String sessionId, String purpose, String destination) {
    checkBinding(purpose, destination);
    if (!isSessionId(sessionId)) {
      return CompletableFuture.completedFuture(result(ResendOutcome.notFound(), null));
    }
    long now = clock.millis();
    OneTimeCode code = newCode();
    return store
        .resendAsync(
            sessionId,
            bindingHash(sessionId, purpose, destination),
            codeHash(sessionId, purpose, destination, code.reveal()),
            now,
            policy)
        .thenApply(outcome -> result(outcome, code));
  }

  /**
   * Checks {@code code} for the session, counting one attempt unless the input is malformed.
   *
   * @param sessionId the session ID from {@link IssuedCode#sessionId()}; anything else is {@code
   *     NOT_FOUND}
   * @param code the user's input: exactly {@code length} ASCII digits, or it is {@code MALFORMED}
   *     (no attempt counted)
   * @throws IllegalArgumentException if {@code purpose} or {@code destination} is malformed
   * @throws VerificationStoreException if the store cannot answer; nothing is verified
   */
  public CodeVerification verify(
      @Nullable String sessionId, String purpose, String destination, @Nullable CharSequence code) {
    checkBinding(purpose, destination);
    if (!isSessionId(sessionId)) {
      return CodeVerification.notFound();
    }
    if (Digits.parse(code, policy.length()) < 0) {
      return CodeVerification.malformed();
    }
    byte[] candidate = codeHash(sessionId, purpose, destination, code.toString());
    CodeVerification result = store.attempt(sessionId, candidate, clock.millis());
    // DEBUG only: clients choose how often this runs, so it must not flood a host's INFO log
    LOG.debug("one-time code verification: purpose={} status={}", purpose, result.status());
    return result;
  }

  /** The asynchronous form of {@link #verify}. */
  public CompletionStage<CodeVerification> verifyAsync(
      @Nullable String sessionId, String purpose, String destination, @Nullable CharSequence code) {
    checkBinding(purpose, destination);
    if (!isSessionId(sessionId)) {
      return CompletableFuture.completedFuture(CodeVerification.notFound());
    }
    if (Digits.parse(code, policy.length()) < 0) {
      return CompletableFuture.completedFuture(CodeVerification.malformed());
    }
    byte[] candidate = codeHash(sessionId, purpose, destination, code.toString());
    return store.attemptAsync(sessionId, candidate, clock.millis());
  }

  /**
   * Ends a session at once (the user cancelled, or the host verified by other means); a no-op for
   * an unknown or malformed ID.
   *
   * @throws VerificationStoreException if the store cannot answer
   */
  public void cancel(@Nullable String sessionId) {
    if (isSessionId(sessionId)) {
      store.delete(sessionId);
    }
  }

  private OneTimeCode newCode() {
    char[] digits = new char[policy.length()];
    for (int i = 0; i < digits.length; i++) {
      // nextInt(bound) rejects the biased tail of the 31-bit range: each digit is exactly uniform
      digits[i] = (char) ('0' + random.nextInt(10));
    }
    return new OneTimeCode(new String(digits));
  }

  private byte[] codeHash(String sessionId, String purpose, String destination, String code) {
    return hash.hash(CODE_DOMAIN, sessionId, purpose, destination, code);
  }

  private byte[] bindingHash(String sessionId, String purpose, String destination) {
    return hash.hash(BINDING_DOMAIN, sessionId, purpose, destination);
  }

  private IssuedCode issued(String sessionId, OneTimeCode code, StoredCode first) {
    long resend = first.nextResendAt();
    return new IssuedCode(
        sessionId,
        code,
        Instant.ofEpochMilli(first.codeExpiresAtMillis()),
        resend == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(resend)),
        Instant.ofEpochMilli(first.sessionExpiresAtMillis()));
  }

  private static ResendResult result(ResendOutcome outcome, @Nullable OneTimeCode code) {
    boolean sent = outcome.status() == ResendStatus.SENT;
    return new ResendResult(
        outcome.status(),
        sent ? code : null,
        outcome.codeExpiresAtMillis(),
        outcome.nextSendAtMillis());
  }

  private static boolean isSessionId(@Nullable String sessionId) {
    return Randoms.isBase64Url(sessionId, SESSION_ID_CHARS);
  }

  /** Checks the host's arguments; messages never show the destination. */
  static void checkBinding(String purpose, String destination) {
    requireNonNull(purpose, "purpose");
    requireNonNull(destination, "destination");
    int n = purpose.length();
    requireArgument(n >= 1 && n <= 64, "purpose must be 1 to 64 characters, got %d", n);
    for (int i = 0; i < n; i++) {
      char c = purpose.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
      requireArgument(ok, "purpose may hold only a-z 0-9 . _ - (bad character at position %d)", i);
    }
    int d = destination.length();
    requireArgument(d >= 1 && d <= 512, "destination must be 1 to 512 characters, got %d", d);
  }

  /** Builds {@link OneTimeCodes}. */
  public static final class Builder {
    private OneTimeCodePolicy policy = OneTimeCodePolicy.defaults();
    private @Nullable KeyedHash hash;
    private @Nullable CodeStore store;
    private InstantSource clock = InstantSource.system();
    private SecureRandom random = Randoms.secureRandom();

    private Builder() {}

    /**
     * Sets the server pepper, the HMAC-SHA256 key of the stored hashes: at least 32 bytes from a
     * secret store, the same on every server that shares the code store. It is copied.
     *
     * @throws IllegalArgumentException if it is shorter than 32 bytes
     */
    @CanIgnoreReturnValue
    public Builder pepper(byte[] pepper) {
      this.hash = new KeyedHash(pepper);
      return this;
    }

    /** Sets the policy; {@link OneTimeCodePolicy#defaults()} by default. */
    @CanIgnoreReturnValue
    public Builder policy(OneTimeCodePolicy policy) {
      this.policy = requireNonNull(policy, "policy");
      return this;
    }

    /** Sets the store; an in-memory {@link MemoryCodeStore} on the same clock by default. */
    @CanIgnoreReturnValue
    public Builder store(CodeStore store) {
      this.store = requireNonNull(store, "store");
      return this;
    }

    /** Sets the clock; the system clock by default. */
    @CanIgnoreReturnValue
    public Builder clock(InstantSource clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the random source for codes and session IDs; a shared {@link SecureRandom} by default. */
    @CanIgnoreReturnValue
    public Builder random(SecureRandom random) {
      this.random = requireNonNull(random, "random");
      return this;
    }

    /**
     * Returns the service.
     *
     * @throws IllegalStateException if no pepper was set
     */
    public OneTimeCodes build() {
      return new OneTimeCodes(this);
    }
  }
}
