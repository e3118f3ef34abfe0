package dev.bulwark.verification;

import static dev.bulwark.verification.internal.Checks.requireArgument;
import static dev.bulwark.verification.internal.Checks.requireNonNull;

import dev.bulwark.verification.internal.Digits;
import dev.bulwark.verification.internal.Hmacs;
import dev.bulwark.verification.internal.OtpEngine;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An RFC 6238 TOTP key: a secret bound to its {@link TotpParameters}, ready to compute codes.
 *
 * <p>This is the stateless half of TOTP: it generates codes and says which candidate steps a code
 * matches. Accepting a code belongs to {@link TotpVerifier}, which adds replay protection. MACs come
 * from a per-thread cache, so neither generating nor matching calls {@code Mac.getInstance}.
 *
 * <p>Instances are immutable and thread-safe; {@code toString()} never shows the secret.
 */
public final class Totp {
  private final SecretKeySpec key;
  private final TotpParameters parameters;
  private final long stepMillis;

  private Totp(OtpSecret secret, TotpParameters parameters) {
    this.key = new SecretKeySpec(secret.bytes(), parameters.algorithm().jcaName());
    this.parameters = parameters;
    this.stepMillis = parameters.stepSeconds() * 1000L;
  }

  /** Returns the key for {@code secret} under {@code parameters}. The secret bytes are copied. */
  public static Totp of(OtpSecret secret, TotpParameters parameters) {
    return new Totp(requireNonNull(secret, "secret"), requireNonNull(parameters, "parameters"));
  }

  /** Returns the key for {@code secret} under {@link TotpParameters#defaults()}. */
  public static Totp of(OtpSecret secret) {
    return of(secret, TotpParameters.defaults());
  }

  /** The parameters. */
  public TotpParameters parameters() {
    return parameters;
  }

  /** The time step T of RFC 6238 that contains {@code time}: floor(unix seconds / X). */
  public long stepAt(Instant time) {
    return stepAtMillis(requireNonNull(time, "time").toEpochMilli());
  }

  /** The time step that contains the epoch millisecond {@code epochMillis}. */
  public long stepAtMillis(long epochMillis) {
    return Math.floorDiv(epochMillis, stepMillis);
  }

  /** The code for the step that contains {@code time}. */
  public String generate(Instant time) {
    return generateForStep(stepAt(time));
  }

  /**
   * The code for time step {@code step}, as {@code digits} ASCII digits.
   *
   * @throws IllegalArgumentException if {@code step} is negative
   */
  public String generateForStep(long step) {
    requireArgument(step >= 0, "step must not be negative, got %d", step);
    Hmacs.PerThread thread = Hmacs.thisThread();
    Mac mac = OtpEngine.init(thread, parameters.algorithm().jcaName(), key);
    int value = OtpEngine.value(mac, step, parameters.digits(), thread.scratch());
    return Digits.format(value, parameters.digits());
  }

  /**
   * Matches {@code code} against every step of the window around {@code currentStep}, without
   * early exit, and returns a mask whose bit {@code i} means step {@code currentStep - stepsBack +
   * i} matched; -1 if {@code code} is not exactly {@code digits} ASCII digits.
   */
  long matchWindow(CharSequence code, long currentStep) {
    long candidate = Digits.parse(code, parameters.digits());
    if (candidate < 0) {
      return -1;
    }
    Hmacs.PerThread thread = Hmacs.thisThread();
    Mac mac = OtpEngine.init(thread, parameters.algorithm().jcaName(), key);
    return OtpEngine.matchAll(
        mac,
        currentStep - parameters.stepsBack(),
        parameters.windowSize(),
        candidate,
        parameters.digits(),
        thread.scratch());
  }

  /** The step length in milliseconds. */
  long stepMillis() {
    return stepMillis;
  }

  @Override
  public String toString() {
    return "Totp[" + parameters + "]";
  }
}
