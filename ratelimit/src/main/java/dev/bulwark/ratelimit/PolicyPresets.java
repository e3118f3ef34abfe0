package dev.bulwark.ratelimit;

import java.time.Duration;
import java.util.List;

/**
 * Policies mirroring the defaults that Signal-Server publishes for its rate limiters: a burst and
 * one permit back per interval. Use them as they are, or derive variants with {@link
 * RatePolicy#toBuilder()}. All use {@link FailureMode#FAIL_CLOSED} except {@link #messages()},
 * whose purpose is load shaping and which fails open.
 */
public final class PolicyPresets {
  private PolicyPresets() {}

  /** {@code registration}: 6 in a burst, one more every 30 seconds; per phone number. */
  public static RatePolicy registration() {
    return RatePolicy.of("registration", RateLimit.of(6, Duration.ofSeconds(30)));
  }

  /** {@code pin}: 10 registration-lock PIN guesses, one more per day; per phone number. */
  public static RatePolicy pin() {
    return RatePolicy.of("pin", RateLimit.of(10, Duration.ofDays(1)));
  }

  /** {@code messages}: 60 in a burst, one more per second; per sender and recipient. */
  public static RatePolicy messages() {
    return RatePolicy.builder("messages")
        .limit(RateLimit.of(60, Duration.ofSeconds(1)))
        .failureMode(FailureMode.FAIL_OPEN)
        .build();
  }

  /** {@code verification-code}: 5 code submissions, one more every 30 seconds; per session. */
  public static RatePolicy verificationCode() {
    return RatePolicy.of("verification-code", RateLimit.of(5, Duration.ofSeconds(30)));
  }

  /** {@code totp}: 5 TOTP checks, one more every 6 seconds; per account. */
  public static RatePolicy totp() {
    return RatePolicy.of("totp", RateLimit.of(5, Duration.ofSeconds(6)));
  }

  /** {@code username-lookup}: 100 lookups, one more every 15 minutes; per account. */
  public static RatePolicy usernameLookup() {
    return RatePolicy.of("username-lookup", RateLimit.of(100, Duration.ofMinutes(15)));
  }

  /** {@code prekey-fetch}: 6 pre-key bundle fetches, one more every 10 minutes; per account. */
  public static RatePolicy prekeyFetch() {
    return RatePolicy.of("prekey-fetch", RateLimit.of(6, Duration.ofMinutes(10)));
  }

  /** Every preset above. */
  public static List<RatePolicy> all() {
    return List.of(
        registration(),
        pin(),
        messages(),
        verificationCode(),
        totp(),
        usernameLookup(),
        prekeyFetch());
  }
}
