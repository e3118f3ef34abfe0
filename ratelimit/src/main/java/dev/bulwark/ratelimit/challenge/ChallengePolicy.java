package dev.bulwark.ratelimit.challenge;

import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.ratelimit.RateLimitDecision;
import dev.bulwark.ratelimit.lockout.LockoutDecision;
import org.jspecify.annotations.Nullable;

/**
 * The server's decision whether to serve a request, challenge it first, or refuse it, from the
 * signals it has. Rules, first match wins:
 *
 * <ol>
 *   <li>a hard rate limit denied, or a lockout refused, the request: {@link Verdict#DENY};
 *   <li>a lockout asks for a challenge: {@link Verdict#CHALLENGE};
 *   <li>a soft rate limit (a lower limit meant to trigger challenges before the hard one) denied
 *       it: {@link Verdict#CHALLENGE};
 *   <li>the anomaly detector flagged the source: {@link Builder#onAnomaly} ({@code CHALLENGE} by
 *       default);
 *   <li>the source's prefix was never seen for this subject: {@link Builder#onNewSource} ({@code
 *       ALLOW} by default);
 *   <li>otherwise {@link Verdict#ALLOW}.
 * </ol>
 *
 * Immutable and thread-safe.
 */
public final class ChallengePolicy {

  /** What to do with a request. */
  public enum Verdict {
    /** Serve it. */
    ALLOW,
    /** Ask for a challenge, then serve it. */
    CHALLENGE,
    /** Refuse it. */
    DENY
  }

  /**
   * What the server knows about one request; a {@code null} decision means that check was not made.
   *
   * @param hardLimit the decision of the limit that must hold
   * @param softLimit the decision of a lower limit whose denial means "challenge"
   * @param lockout the lockout guard's decision
   * @param anomalous whether the anomaly detector flagged the source
   * @param newSource whether the source's prefix was never seen for this subject
   */
  public record Signals(
      @Nullable RateLimitDecision hardLimit,
      @Nullable RateLimitDecision softLimit,
      @Nullable LockoutDecision lockout,
      boolean anomalous,
      boolean newSource) {

    /** No signal at all. */
    public static Signals none() {
      return new Signals(null, null, null, false, false);
    }

    /** A copy with the hard limit's decision. */
    public Signals withHardLimit(RateLimitDecision d) {
      return new Signals(requireNonNull(d, "hardLimit"), softLimit, lockout, anomalous, newSource);
    }

    /** A copy with the soft limit's decision. */
    public Signals withSoftLimit(RateLimitDecision d) {
      return new Signals(hardLimit, requireNonNull(d, "softLimit"), lockout, anomalous, newSource);
    }

    /** A copy with the lockout decision. */
    public Signals withLockout(LockoutDecision d) {
      return new Signals(hardLimit, softLimit, requireNonNull(d, "lockout"), anomalous, newSource);
    }

    /** A copy with the anomaly flag. */
    public Signals withAnomalous(boolean flagged) {
      return new Signals(hardLimit, softLimit, lockout, flagged, newSource);
    }

    /** A copy with the new-source flag. */
    public Signals withNewSource(boolean isNew) {
      return new Signals(hardLimit, softLimit, lockout, anomalous, isNew);
    }
  }

  private final Verdict onAnomaly;
  private final Verdict onNewSource;

  private ChallengePolicy(Verdict onAnomaly, Verdict onNewSource) {
    this.onAnomaly = onAnomaly;
    this.onNewSource = onNewSource;
  }

  /** The defaults: anomalies are challenged, new sources allowed. */
  public static ChallengePolicy defaults() {
    return builder().build();
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Decides what to do with a request. */
  public Verdict decide(Signals signals) {
    requireNonNull(signals, "signals");
    LockoutDecision lockout = signals.lockout();
    if ((signals.hardLimit() != null && !signals.hardLimit().isAllowed())
        || (lockout != null && lockout.outcome() == LockoutDecision.Outcome.LOCKED)) {
      return Verdict.DENY;
    }
    if (lockout != null && lockout.outcome() == LockoutDecision.Outcome.CHALLENGE) {
      return Verdict.CHALLENGE;
    }
    if (signals.softLimit() != null && !signals.softLimit().isAllowed()) {
      return Verdict.CHALLENGE;
    }
    if (signals.anomalous()) {
      return onAnomaly;
    }
    return signals.newSource() ? onNewSource : Verdict.ALLOW;
  }

  @Override
  public String toString() {
    return "ChallengePolicy[anomaly=" + onAnomaly + ", newSource=" + onNewSource + "]";
  }

  /** Builds a {@link ChallengePolicy}. */
  public static final class Builder {
    private Verdict onAnomaly = Verdict.CHALLENGE;
    private Verdict onNewSource = Verdict.ALLOW;

    private Builder() {}

    /** What a flagged source gets; {@link Verdict#CHALLENGE} by default. */
    @CanIgnoreReturnValue
    public Builder onAnomaly(Verdict v) {
      this.onAnomaly = requireNonNull(v, "onAnomaly");
      return this;
    }

    /** What a never-seen source prefix gets; {@link Verdict#ALLOW} by default. */
    @CanIgnoreReturnValue
    public Builder onNewSource(Verdict v) {
      this.onNewSource = requireNonNull(v, "onNewSource");
      return this;
    }

    /** Returns the policy. */
    public ChallengePolicy build() {
      return new ChallengePolicy(onAnomaly, onNewSource);
    }
  }
}
