package dev.bulwark.verification.spi;

import static dev.bulwark.verification.internal.Checks.requireArgument;
import static dev.bulwark.verification.internal.Checks.requireNonNull;

import dev.bulwark.verification.CodeVerification;
import dev.bulwark.verification.CodeVerificationStatus;
import dev.bulwark.verification.OneTimeCodePolicy;
import dev.bulwark.verification.ResendStatus;
import java.security.MessageDigest;

/**
 * What a {@link CodeStore} keeps for one verification session: keyed hashes (never the code or the
 * destination), the code's expiry and attempt count, and the session's send history.
 *
 * <p>The state transitions are defined here, as pure functions from one immutable value to the
 * next, so that every store applies exactly the same rules: a store only has to run {@link
 * #attempt} or {@link #resend} atomically per session (a compare-and-set loop, a Caffeine {@code
 * compute}, a SQL transaction) and write back {@link Transition#next()}. A store that cannot run
 * Java (a Redis Lua script) must implement these rules exactly; their tests are the
 * specification.
 *
 * <p>Instances are immutable. {@code toString()} shows no hash.
 */
public final class StoredCode {
  /** The life cycle of the session's current code. */
  public enum State {
    /** The code can be tried. */
    LIVE,
    /** The code verified once and can never verify again. */
    CONSUMED,
    /** The attempt budget is spent: the code can never verify again. */
    BURNED
  }

  /**
   * The result of a transition: the value to store (the same instance when nothing changed) and
   * the answer for the caller.
   *
   * @param next the session's new value; store it
   * @param result the answer
   * @param <R> the answer's type
   */
  public record Transition<R>(StoredCode next, R result) {}

  private static final long NEVER = Long.MIN_VALUE;

  private final byte[] bindingHash;
  private final byte[] codeHash;
  private final State state;
  private final int attemptsUsed;
  private final int maxAttempts;
  private final long codeExpiresAtMillis;
  private final int sends;
  private final int maxSends;
  private final long nextSendAtMillis;
  private final long sessionExpiresAtMillis;

  private StoredCode(
      byte[] bindingHash,
      byte[] codeHash,
      State state,
      int attemptsUsed,
      int maxAttempts,
      long codeExpiresAtMillis,
      int sends,
      int maxSends,
      long nextSendAtMillis,
      long sessionExpiresAtMillis) {
    this.bindingHash = bindingHash;
    this.codeHash = codeHash;
    this.state = state;
    this.attemptsUsed = attemptsUsed;
    this.maxAttempts = maxAttempts;
    this.codeExpiresAtMillis = codeExpiresAtMillis;
    this.sends = sends;
    this.maxSends = maxSends;
    this.nextSendAtMillis = nextSendAtMillis;
    this.sessionExpiresAtMillis = sessionExpiresAtMillis;
  }

  /**
   * The value of a new session whose first code was just sent at {@code nowMillis}.
   *
   * @param bindingHash the keyed hash of (session, purpose, destination)
   * @param codeHash the keyed hash of (session, purpose, destination, code)
   */
  public static StoredCode first(
      byte[] bindingHash, byte[] codeHash, long nowMillis, OneTimeCodePolicy policy) {
    requireNonNull(bindingHash, "bindingHash");
    requireNonNull(codeHash, "codeHash");
    requireNonNull(policy, "policy");
    requireArgument(bindingHash.length > 0 && codeHash.length > 0, "hashes must not be empty");
    long sessionExpires = nowMillis + policy.sessionLifetimeMillis();
    return new StoredCode(
        bindingHash.clone(),
        codeHash.clone(),
        State.LIVE,
        0,
        policy.maxAttempts(),
        Math.min(nowMillis + policy.codeLifetimeMillis(), sessionExpires),
        1,
        policy.maxSends(),
        nextSend(1, nowMillis, policy),
        sessionExpires);
  }

  /**
   * One attempt with {@code candidateHash} at {@code nowMillis}: the rules of attempt-and-consume.
   *
   * <ol>
   *   <li>Session expired, or code consumed: {@code NOT_FOUND}, nothing changes.
   *   <li>Code burned: {@code ATTEMPTS_EXHAUSTED}, nothing changes (even for the right code).
   *   <li>Code expired: {@code EXPIRED}, nothing changes.
   *   <li>Otherwise one attempt is counted; the hashes are compared in constant time. A match
   *       consumes the code ({@code VERIFIED}); a mismatch that spends the budget burns it ({@code
   *       ATTEMPTS_EXHAUSTED}); any other mismatch is {@code INVALID}.
   * </ol>
   */
  public Transition<CodeVerification> attempt(byte[] candidateHash, long nowMillis) {
    requireNonNull(candidateHash, "candidateHash");
    if (nowMillis >= sessionExpiresAtMillis || state == State.CONSUMED) {
      return new Transition<>(this, CodeVerification.notFound());
    }
    long resendAt = nextResendAt();
    if (state == State.BURNED) {
      return new Transition<>(
          this, CodeVerification.of(CodeVerificationStatus.ATTEMPTS_EXHAUSTED, 0, NEVER, resendAt));
    }
    if (nowMillis >= codeExpiresAtMillis) {
      return new Transition<>(
          this, CodeVerification.of(CodeVerificationStatus.EXPIRED, 0, NEVER, resendAt));
    }
    int used = attemptsUsed + 1;
    if (MessageDigest.isEqual(codeHash, candidateHash)) {
      return new Transition<>(
          with(State.CONSUMED, used),
          CodeVerification.of(CodeVerificationStatus.VERIFIED, 0, NEVER, NEVER));
    }
    if (used >= maxAttempts) {
      return new Transition<>(
          with(State.BURNED, used),
          CodeVerification.of(CodeVerificationStatus.ATTEMPTS_EXHAUSTED, 0, NEVER, resendAt));
    }
    return new Transition<>(
        with(State.LIVE, used),
        CodeVerification.of(CodeVerificationStatus.INVALID, maxAttempts - used, nowMillis, resendAt));
  }

  /**
   * A resend at {@code nowMillis} of a new code hashed to {@code newCodeHash}: the rules of
   * issue-replacing-previous.
   *
   * <ol>
   *   <li>Session expired: {@code NOT_FOUND}.
   *   <li>Another binding (purpose or destination): {@code BINDING_MISMATCH}, nothing changes.
   *   <li>All sends used: {@code SEND_LIMIT_REACHED}, nothing changes.
   *   <li>Before the cooldown's end: {@code COOLDOWN}, nothing changes.
   *   <li>Otherwise the new code replaces the old one, whatever its state, with a fresh attempt
   *       budget and lifetime; the cooldown grows ({@code SENT}).
   * </ol>
   */
  public Transition<ResendOutcome> resend(
      byte[] bindingHash, byte[] newCodeHash, long nowMillis, OneTimeCodePolicy policy) {
    requireNonNull(bindingHash, "bindingHash");
    requireNonNull(newCodeHash, "newCodeHash");
    requireNonNull(policy, "policy");
    if (nowMillis >= sessionExpiresAtMillis) {
      return new Transition<>(this, ResendOutcome.notFound());
    }
    if (!MessageDigest.isEqual(this.bindingHash, bindingHash)) {
      return new Transition<>(
          this, new ResendOutcome(ResendStatus.BINDING_MISMATCH, NEVER, nextResendAt()));
    }
    if (sends >= maxSends) {
      return new Transition<>(this, new ResendOutcome(ResendStatus.SEND_LIMIT_REACHED, NEVER, NEVER));
    }
    if (nowMillis < nextSendAtMillis) {
      return new Transition<>(this, new ResendOutcome(ResendStatus.COOLDOWN, NEVER, nextSendAtMillis));
    }
    int newSends = sends + 1;
    long expires = Math.min(nowMillis + policy.codeLifetimeMillis(), sessionExpiresAtMillis);
    StoredCode next =
        new StoredCode(
            this.bindingHash,
            newCodeHash.clone(),
            State.LIVE,
            0,
            policy.maxAttempts(),
            expires,
            newSends,
            maxSends,
            nextSend(newSends, nowMillis, policy),
            sessionExpiresAtMillis);
    return new Transition<>(next, new ResendOutcome(ResendStatus.SENT, expires, next.nextResendAt()));
  }

  private static long nextSend(int sends, long nowMillis, OneTimeCodePolicy policy) {
    return sends >= policy.maxSends() ? Long.MAX_VALUE : nowMillis + policy.cooldownAfterSendMillis(sends);
  }

  private StoredCode with(State newState, int used) {
    return new StoredCode(
        bindingHash,
        codeHash,
        newState,
        used,
        maxAttempts,
        codeExpiresAtMillis,
        sends,
        maxSends,
        nextSendAtMillis,
        sessionExpiresAtMillis);
  }

  /** When the next send is allowed (epoch ms), or {@link Long#MIN_VALUE} if never. */
  public long nextResendAt() {
    return sends >= maxSends || nextSendAtMillis >= sessionExpiresAtMillis ? NEVER : nextSendAtMillis;
  }

  /** The code's state. */
  public State state() {
    return state;
  }

  /** Attempts counted against the current code. */
  public int attemptsUsed() {
    return attemptsUsed;
  }

  /** The attempt budget of the current code. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The most codes this session may send, the first included. */
  public int maxSends() {
    return maxSends;
  }

  /**
   * When the next send is allowed by the cooldown (epoch ms), or {@link Long#MAX_VALUE} once the
   * session's sends are used up; unlike {@link #nextResendAt()} not clipped to the session's end.
   * For stores that serialize the value.
   */
  public long nextSendAtMillis() {
    return nextSendAtMillis;
  }

  /** Codes sent in this session, the first included. */
  public int sends() {
    return sends;
  }

  /** When the current code expires (epoch ms). */
  public long codeExpiresAtMillis() {
    return codeExpiresAtMillis;
  }

  /** When the session may be forgotten (epoch ms): the store's per-entry expiry. */
  public long sessionExpiresAtMillis() {
    return sessionExpiresAtMillis;
  }

  /** A copy of the binding hash, for stores that serialize the value. */
  public byte[] bindingHash() {
    return bindingHash.clone();
  }

  /** A copy of the code hash, for stores that serialize the value. */
  public byte[] codeHash() {
    return codeHash.clone();
  }

  @Override
  public String toString() {
    return "StoredCode["
        + state
        + ", attempts "
        + attemptsUsed
        + "/"
        + maxAttempts
        + ", sends "
        + sends
        + "/"
        + maxSends
        + "]";
  }
}
