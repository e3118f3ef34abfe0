package dev.bulwark.verification;

import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The result of a TOTP or HOTP verification: a status, and for a matched code the step (TOTP time
 * step or HOTP counter) it matched and the drift from where the server expected it.
 *
 * <p>For TOTP the drift is matched step minus current step: -1 means the client's clock is one step
 * behind. For HOTP it is matched counter minus the next expected counter. Instances are immutable
 * and never hold the code.
 */
public final class OtpVerification {
  private static final OtpVerification INVALID =
      new OtpVerification(OtpVerificationStatus.INVALID, false, 0, 0);
  private static final OtpVerification MALFORMED =
      new OtpVerification(OtpVerificationStatus.MALFORMED, false, 0, 0);

  private final OtpVerificationStatus status;
  private final boolean matched;
  private final long matchedStep;
  private final long drift;

  private OtpVerification(OtpVerificationStatus status, boolean matched, long step, long drift) {
    this.status = status;
    this.matched = matched;
    this.matchedStep = step;
    this.drift = drift;
  }

  /** A code accepted at {@code step}, {@code drift} steps from the expected one. */
  public static OtpVerification verified(long step, long drift) {
    return new OtpVerification(OtpVerificationStatus.VERIFIED, true, step, drift);
  }

  /** A code that matched {@code step}, already accepted or passed: a replay. */
  public static OtpVerification replayed(long step, long drift) {
    return new OtpVerification(OtpVerificationStatus.REPLAYED, true, step, drift);
  }

  /** A well-formed code that matched nothing. */
  public static OtpVerification invalid() {
    return INVALID;
  }

  /** Input that is not a code of the expected form. */
  public static OtpVerification malformed() {
    return MALFORMED;
  }

  /** The status. */
  public OtpVerificationStatus status() {
    return status;
  }

  /** Whether the code was accepted. */
  public boolean isVerified() {
    return status == OtpVerificationStatus.VERIFIED;
  }

  /** The step or counter the code matched, for {@code VERIFIED} and {@code REPLAYED}; else empty. */
  public OptionalLong matchedStep() {
    return matched ? OptionalLong.of(matchedStep) : OptionalLong.empty();
  }

  /** The matched step minus the expected one; 0 when nothing matched. */
  public long drift() {
    return drift;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof OtpVerification)) {
      return false;
    }
    OtpVerification v = (OtpVerification) o;
    return status == v.status && matched == v.matched && matchedStep == v.matchedStep && drift == v.drift;
  }

  @Override
  public int hashCode() {
    return (status.hashCode() * 31 + Long.hashCode(matchedStep)) * 31 + Long.hashCode(drift);
  }

  @Override
  public String toString() {
    return matched
        ? "OtpVerification[" + status + ", step=" + matchedStep + ", drift=" + drift + "]"
        : "OtpVerification[" + status + "]";
  }
}
