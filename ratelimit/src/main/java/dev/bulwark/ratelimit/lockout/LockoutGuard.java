package dev.bulwark.ratelimit.lockout;

import static dev.bulwark.ratelimit.internal.Checks.requireInRange;
import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.ratelimit.KeyPrivacy;
import dev.bulwark.ratelimit.RateLimit;
import dev.bulwark.ratelimit.RateLimitDecision;
import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.RateLimiter;
import dev.bulwark.ratelimit.RatePolicy;
import dev.bulwark.ratelimit.Ticker;
import dev.bulwark.ratelimit.memory.MemoryLockoutStore;
import dev.bulwark.ratelimit.memory.MemoryRateLimitStore;
import dev.bulwark.ratelimit.spi.LockoutState;
import dev.bulwark.ratelimit.spi.LockoutStore;
import dev.bulwark.ratelimit.spi.RateLimitStore;
import java.time.Duration;

/**
 * Escalating lockouts for secret-guessing endpoints (registration-lock PINs, passwords, recovery
 * codes) that an attacker cannot turn against the real user.
 *
 * <p><b>Two counters.</b> Failures are counted per (subject, source), where the subject is what is
 * being guessed at (a phone number, an account) and the source is the normalized address or a
 * device ID. That counter locks with escalating durations, but only that source: an attacker
 * guessing a victim's PIN from his own addresses locks out his addresses, never the victim's.
 * Failures are also counted per subject across all sources, with a much higher threshold; past it,
 * every source must pass a challenge (proof-of-work, captcha, push token) before each further
 * attempt. By default that escalation is a {@linkplain Escalation#CHALLENGE challenge, not a lock}.
 *
 * <p><b>The trade-off.</b> A subject-wide lock would cap the attacker exactly, but then anyone who
 * knows a phone number could lock its owner out; no subject-wide counter at all would let an
 * attacker with many addresses guess freely. The challenge sits between: an attacker who cannot
 * pass challenges gets the subject-wide free failures and no more; one who can pass them gets one
 * attempt per pass, and passes are themselves rate-limited per subject ({@code challengeLifts}, by
 * default 2 per 12 hours as in Signal-Server). The real user, from any source, is asked for a
 * challenge and then served; only if an attacker has just used up the subject's passes does the
 * real user wait for the next one (at most one lift interval, 6 hours by default). Hosts that can
 * recognise the real user's devices should exempt them before calling this guard.
 *
 * <p><b>Use.</b> Call {@link #check} before verifying the secret and refuse unless it allows; then
 * {@link #recordFailure} or {@link #recordSuccess}. After a {@code ChallengeVerifier} says a
 * challenge was passed, call {@link #challengePassed}. Thread-safe; state lives in a {@link
 * LockoutStore} (in memory by default) and reads no clock itself.
 */
public final class LockoutGuard {

  /** What the subject-wide counter does past its free failures. */
  public enum Escalation {
    /** Ask every source for a challenge before each attempt (the default). */
    CHALLENGE,
    /** Lock the subject for every source: exact, but lets anyone lock the real user out. */
    LOCK
  }

  private final LockoutStore store;
  private final LockoutPolicy perSource;
  private final LockoutPolicy perSubject;
  private final Escalation escalation;
  private final RateLimiter lifts;
  private final int passesPerChallenge;
  private final KeyPrivacy keyPrivacy;

  private LockoutGuard(Builder b) {
    this.store = b.store != null ? b.store : MemoryLockoutStore.create(b.ticker);
    this.perSource = b.perSource;
    this.perSubject = b.perSubject;
    this.escalation = b.escalation;
    RateLimitStore liftStore =
        b.liftStore != null ? b.liftStore : MemoryRateLimitStore.builder().ticker(b.ticker).build();
    this.lifts =
        RateLimiter.of(
            RatePolicy.builder("lockout-challenge-lifts")
                .limit(b.challengeLifts)
                .keyPrivacy(b.keyPrivacy)
                .build(),
            liftStore);
    this.passesPerChallenge = b.passesPerChallenge;
    this.keyPrivacy = b.keyPrivacy;
  }

  /** Returns a builder with the defaults described on each setter. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether {@code source} may make an attempt at {@code subject} now. */
  public LockoutDecision check(RateLimitKey subject, RateLimitKey source) {
    LockoutState pair = store.status(pairKey(subject, source), perSource);
    if (pair.isLocked()) {
      return LockoutDecision.locked(pair.lockedForNanos(), pair.permanent());
    }
    LockoutState whole = store.status(subjectKey(subject), perSubject);
    return escalate(whole, pair);
  }

  /** Records a failed attempt and returns what the next attempt from {@code source} will meet. */
  @CanIgnoreReturnValue
  public LockoutDecision recordFailure(RateLimitKey subject, RateLimitKey source) {
    LockoutState pair = store.recordFailure(pairKey(subject, source), perSource);
    LockoutState whole = store.recordFailure(subjectKey(subject), perSubject);
    if (pair.isLocked()) {
      return LockoutDecision.locked(pair.lockedForNanos(), pair.permanent());
    }
    return escalate(whole, pair);
  }

  /** Records a successful attempt: clears the source's counter and the subject-wide one. */
  public void recordSuccess(RateLimitKey subject, RateLimitKey source) {
    store.clear(pairKey(subject, source));
    store.clear(subjectKey(subject));
  }

  /**
   * Records that {@code source} passed a challenge for {@code subject}: it may make {@code
   * passesPerChallenge} attempts past the subject-wide threshold, if the subject's lifts allow.
   *
   * @return {@link LockoutDecision.Outcome#ALLOW} if the pass was granted, or {@link
   *     LockoutDecision.Outcome#LOCKED} with the time until the subject's next lift
   */
  @CanIgnoreReturnValue
  public LockoutDecision challengePassed(RateLimitKey subject, RateLimitKey source) {
    RateLimitDecision lift = lifts.tryAcquire(subject, 1);
    if (!lift.isAllowed()) {
      return LockoutDecision.locked(lift.retryAfterNanos(), false);
    }
    LockoutState ignored =
        store.grantPasses(pairKey(subject, source), perSource, passesPerChallenge);
    return LockoutDecision.ALLOW;
  }

  private LockoutDecision escalate(LockoutState whole, LockoutState pair) {
    if (whole.failures() <= perSubject.freeFailures() && !whole.permanent()) {
      return LockoutDecision.ALLOW;
    }
    if (escalation == Escalation.LOCK) {
      return whole.isLocked()
          ? LockoutDecision.locked(whole.lockedForNanos(), whole.permanent())
          : LockoutDecision.ALLOW;
    }
    return pair.passes() > 0 ? LockoutDecision.ALLOW : LockoutDecision.CHALLENGE;
  }

  private String pairKey(RateLimitKey subject, RateLimitKey source) {
    // The subject's length makes the encoding injective, as in RateLimitKey.pair.
    String s = subject.canonical();
    return keyPrivacy.apply("lockout:" + s.length() + ":" + s + ">" + source.canonical());
  }

  private String subjectKey(RateLimitKey subject) {
    return keyPrivacy.apply("lockout-subject:" + subject.canonical());
  }

  /** Builds a {@link LockoutGuard}. */
  public static final class Builder {
    private LockoutStore store;
    private RateLimitStore liftStore;
    private Ticker ticker = Ticker.system();
    private LockoutPolicy perSource = LockoutPolicy.perSourceDefaults();
    private LockoutPolicy perSubject = LockoutPolicy.perSubjectDefaults();
    private Escalation escalation = Escalation.CHALLENGE;
    private RateLimit challengeLifts = RateLimit.of(2, Duration.ofHours(6));
    private int passesPerChallenge = 1;
    private KeyPrivacy keyPrivacy = KeyPrivacy.none();

    private Builder() {}

    /** Sets the counters' store; in memory by default. */
    @CanIgnoreReturnValue
    public Builder store(LockoutStore s) {
      this.store = requireNonNull(s, "store");
      return this;
    }

    /** Sets the store of the challenge-lift limit; in memory by default. */
    @CanIgnoreReturnValue
    public Builder liftStore(RateLimitStore s) {
      this.liftStore = requireNonNull(s, "liftStore");
      return this;
    }

    /** Sets the time source of the default in-memory stores; {@link Ticker#system()} by default. */
    @CanIgnoreReturnValue
    public Builder ticker(Ticker t) {
      this.ticker = requireNonNull(t, "ticker");
      return this;
    }

    /** Sets the (subject, source) policy; {@link LockoutPolicy#perSourceDefaults()} by default. */
    @CanIgnoreReturnValue
    public Builder perSource(LockoutPolicy p) {
      this.perSource = requireNonNull(p, "perSource");
      return this;
    }

    /** Sets the subject-wide policy; {@link LockoutPolicy#perSubjectDefaults()} by default. */
    @CanIgnoreReturnValue
    public Builder perSubject(LockoutPolicy p) {
      this.perSubject = requireNonNull(p, "perSubject");
      return this;
    }

    /** Sets what the subject-wide counter does; {@link Escalation#CHALLENGE} by default. */
    @CanIgnoreReturnValue
    public Builder escalation(Escalation e) {
      this.escalation = requireNonNull(e, "escalation");
      return this;
    }

    /**
     * Sets how often a subject's challenge requirement can be lifted by a passed challenge; 2 in a
     * burst and one more every 6 hours (2 per 12 hours, Signal-Server's default) by default.
     */
    @CanIgnoreReturnValue
    public Builder challengeLifts(RateLimit limit) {
      this.challengeLifts = requireNonNull(limit, "challengeLifts");
      return this;
    }

    /** Sets the attempts one passed challenge allows, 1 to 10; 1 by default. */
    @CanIgnoreReturnValue
    public Builder passesPerChallenge(int passes) {
      this.passesPerChallenge = requireInRange("passesPerChallenge", passes, 1, 10);
      return this;
    }

    /** Hashes counter keys before they reach the stores; {@link KeyPrivacy#none()} by default. */
    @CanIgnoreReturnValue
    public Builder keyPrivacy(KeyPrivacy privacy) {
      this.keyPrivacy = requireNonNull(privacy, "keyPrivacy");
      return this;
    }

    /** Returns the guard. */
    public LockoutGuard build() {
      return new LockoutGuard(this);
    }
  }
}
