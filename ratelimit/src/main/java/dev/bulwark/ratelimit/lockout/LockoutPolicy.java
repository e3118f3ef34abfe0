package dev.bulwark.ratelimit.lockout;

import static dev.bulwark.ratelimit.internal.Checks.requireArgument;
import static dev.bulwark.ratelimit.internal.Checks.requireInRange;
import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How failures of one counter (a subject from one source, or a subject from everywhere) turn into
 * locks: some free failures, then a lock on every further failure, each longer than the last up to
 * a maximum; failures are forgotten after a quiet period, and a success clears them.
 *
 * <p>Defaults ({@link #perSourceDefaults()}): 3 free failures, then 1 minute doubling to at most 1
 * day, forgotten after 1 day without failures, never permanent. Instances are immutable.
 */
public final class LockoutPolicy {

  /** How lock durations grow with the number of lock-outs. */
  public enum Growth {
    /** base, 2 base, 4 base, ... */
    DOUBLING,
    /** base, 2 base, 3 base, ... */
    LINEAR
  }

  /** The longest lock or decay period accepted. */
  public static final Duration MAX_DURATION = Duration.ofDays(365);

  private final int freeFailures;
  private final long baseLockNanos;
  private final Growth growth;
  private final long maxLockNanos;
  private final long decayNanos;
  private final int permanentAfterLockouts;

  private LockoutPolicy(Builder b) {
    this.freeFailures = b.freeFailures;
    this.baseLockNanos = b.baseLock.toNanos();
    this.growth = b.growth;
    this.maxLockNanos = b.maxLock.toNanos();
    this.decayNanos = b.decay.toNanos();
    this.permanentAfterLockouts = b.permanentAfterLockouts;
  }

  /** 3 free failures, then 1 minute doubling to 1 day; forgotten after a quiet day. */
  public static LockoutPolicy perSourceDefaults() {
    return builder().build();
  }

  /**
   * The subject-wide counter's defaults: 10 free failures across all sources, forgotten after a
   * quiet day; past them {@link LockoutGuard} asks for a challenge (or, if configured to lock,
   * locks for 15 minutes doubling to 1 day).
   */
  public static LockoutPolicy perSubjectDefaults() {
    return builder().freeFailures(10).baseLock(Duration.ofMinutes(15)).build();
  }

  /** Returns a builder holding the per-source defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Failures allowed before the first lock. */
  public int freeFailures() {
    return freeFailures;
  }

  /** How growth works. */
  public Growth growth() {
    return growth;
  }

  /** The first lock's duration. */
  public Duration baseLock() {
    return Duration.ofNanos(baseLockNanos);
  }

  /** The cap on any lock. */
  public Duration maxLock() {
    return Duration.ofNanos(maxLockNanos);
  }

  /** The quiet period, counted from the end of the last lock, after which failures are forgotten. */
  public Duration decay() {
    return Duration.ofNanos(decayNanos);
  }

  /** {@link #decay()} in nanoseconds. */
  public long decayNanos() {
    return decayNanos;
  }

  /** Lock-outs after which the lock becomes permanent; 0 if never. */
  public int permanentAfterLockouts() {
    return permanentAfterLockouts;
  }

  /**
   * The duration of the {@code lockouts}-th lock (1-based), in nanoseconds: monotone in {@code
   * lockouts} and never above {@link #maxLock()}.
   */
  public long lockNanos(int lockouts) {
    requireInRange("lockouts", lockouts, 1, Integer.MAX_VALUE);
    if (growth == Growth.LINEAR) {
      return lockouts > maxLockNanos / baseLockNanos ? maxLockNanos : baseLockNanos * lockouts;
    }
    int doublings = lockouts - 1;
    if (doublings >= 62 || baseLockNanos > (maxLockNanos >> doublings)) {
      return maxLockNanos;
    }
    return Math.min(maxLockNanos, baseLockNanos << doublings);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof LockoutPolicy)) {
      return false;
    }
    LockoutPolicy p = (LockoutPolicy) o;
    return freeFailures == p.freeFailures
        && baseLockNanos == p.baseLockNanos
        && growth == p.growth
        && maxLockNanos == p.maxLockNanos
        && decayNanos == p.decayNanos
        && permanentAfterLockouts == p.permanentAfterLockouts;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        freeFailures, baseLockNanos, growth, maxLockNanos, decayNanos, permanentAfterLockouts);
  }

  @Override
  public String toString() {
    return "LockoutPolicy[free="
        + freeFailures
        + ", lock="
        + baseLock()
        + " "
        + growth
        + " to "
        + maxLock()
        + ", decay="
        + decay()
        + (permanentAfterLockouts > 0 ? ", permanent after " + permanentAfterLockouts : "")
        + "]";
  }

  /** Builds a {@link LockoutPolicy}; each setter validates at once, {@link #build()} the whole. */
  public static final class Builder {
    private int freeFailures = 3;
    private Duration baseLock = Duration.ofMinutes(1);
    private Growth growth = Growth.DOUBLING;
    private Duration maxLock = Duration.ofDays(1);
    private Duration decay = Duration.ofDays(1);
    private int permanentAfterLockouts;

    private Builder() {}

    /** Failures allowed before the first lock, 0 to 1,000; 3 by default. */
    @CanIgnoreReturnValue
    public Builder freeFailures(int failures) {
      this.freeFailures = requireInRange("freeFailures", failures, 0, 1_000);
      return this;
    }

    /** The first lock's duration, 1 second to 365 days; 1 minute by default. */
    @CanIgnoreReturnValue
    public Builder baseLock(Duration lock) {
      this.baseLock = requireDuration("baseLock", lock);
      return this;
    }

    /** How locks grow; {@link Growth#DOUBLING} by default. */
    @CanIgnoreReturnValue
    public Builder growth(Growth g) {
      this.growth = requireNonNull(g, "growth");
      return this;
    }

    /** The cap on any lock, 1 second to 365 days, at least the base lock; 1 day by default. */
    @CanIgnoreReturnValue
    public Builder maxLock(Duration lock) {
      this.maxLock = requireDuration("maxLock", lock);
      return this;
    }

    /** The quiet period that forgets failures, 1 second to 365 days; 1 day by default. */
    @CanIgnoreReturnValue
    public Builder decay(Duration d) {
      this.decay = requireDuration("decay", d);
      return this;
    }

    /**
     * Makes the lock permanent after this many lock-outs (1 to 1,000), or never with 0 (the
     * default). A permanent lock is cleared only by a success recorded by the host, for example
     * after an out-of-band recovery.
     */
    @CanIgnoreReturnValue
    public Builder permanentAfterLockouts(int lockouts) {
      this.permanentAfterLockouts = requireInRange("permanentAfterLockouts", lockouts, 0, 1_000);
      return this;
    }

    /**
     * Returns the policy.
     *
     * @throws IllegalArgumentException if the base lock is longer than the maximum
     */
    public LockoutPolicy build() {
      requireArgument(
          baseLock.compareTo(maxLock) <= 0,
          "baseLock (%s) must not exceed maxLock (%s)",
          baseLock,
          maxLock);
      return new LockoutPolicy(this);
    }

    private static Duration requireDuration(String name, Duration d) {
      requireNonNull(d, name);
      requireArgument(
          d.compareTo(Duration.ofSeconds(1)) >= 0 && d.compareTo(MAX_DURATION) <= 0,
          "%s must be between 1 second and 365 days, got %s",
          name,
          d);
      return d;
    }
  }
}
