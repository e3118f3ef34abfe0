package dev.bulwark.verification;

import static dev.bulwark.verification.internal.Checks.requireInRange;
import static dev.bulwark.verification.internal.Checks.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a TOTP credential computes and accepts codes: algorithm, digits, time step, and how many
 * steps into the past and into the future are accepted.
 *
 * <p>The defaults are those of every authenticator app: HMAC-SHA1, 6 digits, 30-second steps, and
 * one step of tolerance either way (three candidate codes). With {@code stepsBack(1)} and {@code
 * stepsForward(0)} (the window [-1, 0]) a code is accepted for at most 30 seconds after its step
 * ends, which meets ASVS 5's requirement that a time-based code live no longer than 30 seconds
 * past its period; the default [-1, +1] also tolerates a client clock that runs one step ahead.
 * Replay protection makes every code single-use whatever the window.
 *
 * <p>Instances are immutable value objects.
 */
public final class TotpParameters {
  /** The fewest digits accepted. */
  public static final int MIN_DIGITS = 6;

  /** The most digits accepted (RFC 6238 allows 8). */
  public static final int MAX_DIGITS = 8;

  /** The shortest time step accepted, in seconds. */
  public static final int MIN_STEP_SECONDS = 10;

  /** The longest time step accepted, in seconds. */
  public static final int MAX_STEP_SECONDS = 300;

  /** The most steps accepted on either side of the current one. */
  public static final int MAX_STEPS_OFF = 5;

  private static final TotpParameters DEFAULTS = builder().build();

  private final OtpAlgorithm algorithm;
  private final int digits;
  private final int stepSeconds;
  private final int stepsBack;
  private final int stepsForward;

  private TotpParameters(Builder b) {
    this.algorithm = b.algorithm;
    this.digits = b.digits;
    this.stepSeconds = b.stepSeconds;
    this.stepsBack = b.stepsBack;
    this.stepsForward = b.stepsForward;
  }

  /** SHA-1, 6 digits, 30 seconds, one step back and one forward. */
  public static TotpParameters defaults() {
    return DEFAULTS;
  }

  /** Returns a builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder starting from these parameters. */
  public Builder toBuilder() {
    return new Builder()
        .algorithm(algorithm)
        .digits(digits)
        .stepSeconds(stepSeconds)
        .stepsBack(stepsBack)
        .stepsForward(stepsForward);
  }

  /** The HMAC function. */
  public OtpAlgorithm algorithm() {
    return algorithm;
  }

  /** The number of digits in a code. */
  public int digits() {
    return digits;
  }

  /** The time step X of RFC 6238, in seconds. */
  public int stepSeconds() {
    return stepSeconds;
  }

  /** The time step as a duration. */
  public Duration step() {
    return Duration.ofSeconds(stepSeconds);
  }

  /** How many steps before the current one are accepted. */
  public int stepsBack() {
    return stepsBack;
  }

  /** How many steps after the current one are accepted. */
  public int stepsForward() {
    return stepsForward;
  }

  /** The number of candidate steps checked per verification: back + 1 + forward. */
  public int windowSize() {
    return stepsBack + 1 + stepsForward;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof TotpParameters)) {
      return false;
    }
    TotpParameters p = (TotpParameters) o;
    return algorithm == p.algorithm
        && digits == p.digits
        && stepSeconds == p.stepSeconds
        && stepsBack == p.stepsBack
        && stepsForward == p.stepsForward;
  }

  @Override
  public int hashCode() {
    return Objects.hash(algorithm, digits, stepSeconds, stepsBack, stepsForward);
  }

  @Override
  public String toString() {
    return "TotpParameters[" + algorithm + ", " + digits + " digits, " + stepSeconds + " s, window [-"
        + stepsBack + ", +" + stepsForward + "]]";
  }

  /** Builds {@link TotpParameters}; every setter validates its argument at once. */
  public static final class Builder {
    private OtpAlgorithm algorithm = OtpAlgorithm.SHA1;
    private int digits = 6;
    private int stepSeconds = 30;
    private int stepsBack = 1;
    private int stepsForward = 1;

    private Builder() {}

    /** Sets the HMAC function; {@link OtpAlgorithm#SHA1} by default. */
    @CanIgnoreReturnValue
    public Builder algorithm(OtpAlgorithm algorithm) {
      this.algorithm = requireNonNull(algorithm, "algorithm");
      return this;
    }

    /** Sets the digits per code, from 6 to 8; 6 by default. */
    @CanIgnoreReturnValue
    public Builder digits(int digits) {
      this.digits = requireInRange("digits", digits, MIN_DIGITS, MAX_DIGITS);
      return this;
    }

    /** Sets the time step in whole seconds, from 10 to 300; 30 by default. */
    @CanIgnoreReturnValue
    public Builder stepSeconds(int seconds) {
      this.stepSeconds = requireInRange("stepSeconds", seconds, MIN_STEP_SECONDS, MAX_STEP_SECONDS);
      return this;
    }

    /** Sets how many past steps are accepted, from 0 to 5; 1 by default. */
    @CanIgnoreReturnValue
    public Builder stepsBack(int steps) {
      this.stepsBack = requireInRange("stepsBack", steps, 0, MAX_STEPS_OFF);
      return this;
    }

    /** Sets how many future steps are accepted, from 0 to 5; 1 by default. */
    @CanIgnoreReturnValue
    public Builder stepsForward(int steps) {
      this.stepsForward = requireInRange("stepsForward", steps, 0, MAX_STEPS_OFF);
      return this;
    }

    /** Returns the parameters. */
    public TotpParameters build() {
      return new TotpParameters(this);
    }
  }
}
