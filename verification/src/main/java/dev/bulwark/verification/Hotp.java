package dev.bulwark.verification;

import static dev.bulwark.verification.internal.Checks.requireArgument;
import static dev.bulwark.verification.internal.Checks.requireInRange;
import static dev.bulwark.verification.internal.Checks.requireNonNull;

import dev.bulwark.verification.internal.Digits;
import dev.bulwark.verification.internal.Hmacs;
import dev.bulwark.verification.internal.OtpEngine;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An RFC 4226 HOTP key: a secret, an algorithm and a number of digits, ready to compute codes.
 *
 * <p>Stateless, like {@link Totp}: counters and their atomic advance belong to {@link
 * HotpVerifier}. Instances are immutable and thread-safe; {@code toString()} never shows the
 * secret.
 */
public final class Hotp {
  private final SecretKeySpec key;
  private final OtpAlgorithm algorithm;
  private final int digits;

  private Hotp(OtpSecret secret, OtpAlgorithm algorithm, int digits) {
    this.key = new SecretKeySpec(secret.bytes(), algorithm.jcaName());
    this.algorithm = algorithm;
    this.digits = digits;
  }

  /**
   * Returns the key for {@code secret} with {@code algorithm} and {@code digits} (6 to 8).
   *
   * @throws IllegalArgumentException if {@code digits} is outside [6, 8]
   */
  public static Hotp of(OtpSecret secret, OtpAlgorithm algorithm, int digits) {
    requireNonNull(secret, "secret");
    requireNonNull(algorithm, "algorithm");
    requireInRange("digits", digits, TotpParameters.MIN_DIGITS, TotpParameters.MAX_DIGITS);
    return new Hotp(secret, algorithm, digits);
  }

  /** Returns the key for {@code secret} with HMAC-SHA1 and 6 digits, RFC 4226's defaults. */
  public static Hotp of(OtpSecret secret) {
    return of(secret, OtpAlgorithm.SHA1, 6);
  }

  /** The HMAC function. */
  public OtpAlgorithm algorithm() {
    return algorithm;
  }

  /** The number of digits per code. */
  public int digits() {
    return digits;
  }

  /**
   * The code for {@code counter}.
   *
   * @throws IllegalArgumentException if {@code counter} is negative
   */
  public String generate(long counter) {
    requireArgument(counter >= 0, "counter must not be negative, got %d", counter);
    Hmacs.PerThread thread = Hmacs.thisThread();
    Mac mac = OtpEngine.init(thread, algorithm.jcaName(), key);
    return Digits.format(OtpEngine.value(mac, counter, digits, thread.scratch()), digits);
  }

  /**
   * Matches {@code code} against {@code count} counters from {@code first} without early exit;
   * returns the match mask, or -1 if {@code code} is malformed.
   */
  long matchRange(CharSequence code, long first, int count) {
    long candidate = Digits.parse(code, digits);
    if (candidate < 0) {
      return -1;
    }
    Hmacs.PerThread thread = Hmacs.thisThread();
    Mac mac = OtpEngine.init(thread, algorithm.jcaName(), key);
    return OtpEngine.matchAll(mac, first, count, candidate, digits, thread.scratch());
  }

  /** Whether {@code code} is the code of {@code counter}; -1 for malformed, 1 match, 0 no match. */
  int matchOne(CharSequence code, long counter) {
    long mask = matchRange(code, counter, 1);
    return mask < 0 ? -1 : (int) mask;
  }

  @Override
  public String toString() {
    return "Hotp[" + algorithm + ", " + digits + " digits]";
  }
}
