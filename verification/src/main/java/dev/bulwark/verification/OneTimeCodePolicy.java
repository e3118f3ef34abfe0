package dev.bulwark.verification;

import static dev.bulwark.verification.internal.Checks.requireArgument;
import static dev.bulwark.verification.internal.Checks.requireInRange;
import static dev.bulwark.verification.internal.Checks.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How one-time codes (SMS, e-mail, voice) are made and checked: length, lifetime, attempt budget,
 * sends per session and the resend cooldowns.
 *
 * <p>Defaults: 6 digits, 10 minutes to live, 3 attempts, at most 5 sends per session, resend
 * cooldowns of 1, 2, then 4 minutes (doubling, capped at 4), sessions of 30 minutes. Every bound is
 * checked when the policy is built, so a weak configuration (a 4-digit code, a day-long code, 100
 * attempts) cannot be expressed. With the defaults an attacker gets at most 5 × 3 = 15 guesses per
 * session at a 6-digit code: a chance of 1.5 in 100,000.
 *
 * <p>Instances are immutable value objects.
 */
public final class OneTimeCodePolicy {
  /** The shortest code length. */
  public static final int MIN_LENGTH = 6;

  /** The longest code length. */
  public static final int MAX_LENGTH = 10;

  /** The longest a code may live. */
  public static final Duration MAX_CODE_LIFETIME = Duration.ofMinutes(30);

  /** The shortest a code may live. */
  public static final Duration MIN_CODE_LIFETIME = Duration.ofSeconds(30);

  /** The largest attempt budget per code. */
  public static final int MAX_ATTEMPTS = 10;

  /** The most codes one session may send. */
  public static final int MAX_SENDS = 20;

  /** The longest resend cooldown. */
  public static final Duration MAX_COOLDOWN = Duration.ofHours(1);

  /** The longest session. */
  public static final Duration MAX_SESSION_LIFETIME = Duration.ofHours(24);

  private static final OneTimeCodePolicy DEFAULTS = builder().build();

  private final int length;
  private final long codeLifetimeMillis;
  private final int maxAttempts;
  private final int maxSends;
  private final long initialCooldownMillis;
  private final long maxCooldownMillis;
  private final long sessionLifetimeMillis;

  private OneTimeCodePolicy(Builder b) {
    requireArgument(
        b.maxCooldownMillis >= b.initialCooldownMillis,
        "maxResendCooldown (%d ms) must not be shorter than initialResendCooldown (%d ms)",
        b.maxCooldownMillis,
        b.initialCooldownMillis);
    requireArgument(
        b.sessionLifetimeMillis >= b.codeLifetimeMillis,
        "sessionLifetime (%d ms) must not be shorter than codeLifetime (%d ms)",
        b.sessionLifetimeMillis,
        b.codeLifetimeMillis);
    this.length = b.length;
    this.codeLifetimeMillis = b.codeLifetimeMillis;
    this.maxAttempts = b.maxAttempts;
    this.maxSends = b.maxSends;
    this.initialCooldownMillis = b.initialCooldownMillis;
    this.maxCooldownMillis = b.maxCooldownMillis;
    this.sessionLifetimeMillis = b.sessionLifetimeMillis;
  }

  /** The defaults described in the class documentation. */
  public static OneTimeCodePolicy defaults() {
    return DEFAULTS;
  }

  /** Returns a builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The number of digits per code. */
  public int length() {
    return length;
  }

  /** How long a code lives after it is sent. */
  public Duration codeLifetime() {
    return Duration.ofMillis(codeLifetimeMillis);
  }

  /** {@link #codeLifetime()} in milliseconds. */
  public long codeLifetimeMillis() {
    return codeLifetimeMillis;
  }

  /** How many wrong attempts burn a code. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** How many codes one session may send, the first included. */
  public int maxSends() {
    return maxSends;
  }

  /** How long a session (and its resend history) lives after it starts. */
  public Duration sessionLifetime() {
    return Duration.ofMillis(sessionLifetimeMillis);
  }

  /** {@link #sessionLifetime()} in milliseconds. */
  public long sessionLifetimeMillis() {
    return sessionLifetimeMillis;
  }

  /**
   * The wait after the {@code sends}-th send before the next one: the initial cooldown doubled for
   * each earlier send, capped at the maximum cooldown.
   *
   * @throws IllegalArgumentException if {@code sends} is below 1
   */
  public long cooldownAfterSendMillis(int sends) {
    requireArgument(sends >= 1, "sends must be at least 1, got %d", sends);
    long cooldown = initialCooldownMillis;
    for (int i = 1; i < sends && cooldown < maxCooldownMillis; i++) {
      cooldown *= 2;
    }
    return Math.min(cooldown, maxCooldownMillis);
  }

  /** The cooldown after the first send. */
  public Duration initialResendCooldown() {
    return Duration.ofMillis(initialCooldownMillis);
  }

  /** The cap on cooldowns. */
  public Duration maxResendCooldown() {
    return Duration.ofMillis(maxCooldownMillis);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof OneTimeCodePolicy)) {
      return false;
    }
    OneTimeCodePolicy p = (OneTimeCodePolicy) o;
    return length == p.length
        && codeLifetimeMillis == p.codeLifetimeMillis
        && maxAttempts == p.maxAttempts
        && maxSends == p.maxSends
        && initialCooldownMillis == p.initialCooldownMillis
        && maxCooldownMillis == p.maxCooldownMillis
        && sessionLifetimeMillis == p.sessionLifetimeMillis;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        length,
        codeLifetimeMillis,
        maxAttempts,
        maxSends,
        initialCooldownMillis,
        maxCooldownMillis,
        sessionLifetimeMillis);
  }

  @Override
  public String toString() {
    return "OneTimeCodePolicy["
        + length
        + " digits, lifetime "
        + codeLifetime()
        + ", "
        + maxAttempts
        + " attempts, "
        + maxSends
        + " sends, cooldown "
        + initialResendCooldown()
        + " doubling to "
        + maxResendCooldown()
        + ", session "
        + sessionLifetime()
        + "]";
  }

  /** Builds a {@link OneTimeCodePolicy}; every setter validates its argument at once. */
  public static final class Builder {
    private int length = 6;
    private long codeLifetimeMillis = Duration.ofMinutes(10).toMillis();
    private int maxAttempts = 3;
    private int maxSends = 5;
    private long initialCooldownMillis = Duration.ofMinutes(1).toMillis();
    private long maxCooldownMillis = Duration.ofMinutes(4).toMillis();
    private long sessionLifetimeMillis = Duration.ofMinutes(30).toMillis();

    private Builder() {}

    /** Sets the digits per code, 6 to 10; 6 by default. */
    @CanIgnoreReturnValue
    public Builder length(int digits) {
      this.length = requireInRange("length", digits, MIN_LENGTH, MAX_LENGTH);
      return this;
    }

    /** Sets how long a code lives, 30 seconds to 30 minutes; 10 minutes by default. */
    @CanIgnoreReturnValue
    public Builder codeLifetime(Duration lifetime) {
      this.codeLifetimeMillis =
          millisInRange("codeLifetime", lifetime, MIN_CODE_LIFETIME, MAX_CODE_LIFETIME);
      return this;
    }

    /** Sets how many wrong attempts burn a code, 1 to 10; 3 by default. */
    @CanIgnoreReturnValue
    public Builder maxAttempts(int attempts) {
      this.maxAttempts = requireInRange("maxAttempts", attempts, 1, MAX_ATTEMPTS);
      return this;
    }

    /** Sets how many codes one session may send, 1 to 20; 5 by default. */
    @CanIgnoreReturnValue
    public Builder maxSends(int sends) {
      this.maxSends = requireInRange("maxSends", sends, 1, MAX_SENDS);
      return this;
    }

    /** Sets the cooldown after the first send, 10 seconds to 1 hour; 1 minute by default. */
    @CanIgnoreReturnValue
    public Builder initialResendCooldown(Duration cooldown) {
      this.initialCooldownMillis =
          millisInRange("initialResendCooldown", cooldown, Duration.ofSeconds(10), MAX_COOLDOWN);
      return this;
    }

    /** Sets the cap on cooldowns, 10 seconds to 1 hour; 4 minutes by default. */
    @CanIgnoreReturnValue
    public Builder maxResendCooldown(Duration cooldown) {
      this.maxCooldownMillis =
          millisInRange("maxResendCooldown", cooldown, Duration.ofSeconds(10), MAX_COOLDOWN);
      return this;
    }

    /** Sets how long a session lives, from the code lifetime to 24 hours; 30 minutes by default. */
    @CanIgnoreReturnValue
    public Builder sessionLifetime(Duration lifetime) {
      this.sessionLifetimeMillis =
          millisInRange("sessionLifetime", lifetime, MIN_CODE_LIFETIME, MAX_SESSION_LIFETIME);
      return this;
    }

    /**
     * Returns the policy.
     *
     * @throws IllegalArgumentException if the maximum cooldown is below the initial one, or the
     *     session is shorter than a code's lifetime
     */
    public OneTimeCodePolicy build() {
      return new OneTimeCodePolicy(this);
    }

    private static long millisInRange(String name, Duration value, Duration min, Duration max) {
      requireNonNull(value, name);
      requireArgument(
          value.compareTo(min) >= 0 && value.compareTo(max) <= 0,
          "%s must be between %s and %s, got %s",
          name,
          min,
          max,
          value);
      return value.toMillis();
    }
  }
}
