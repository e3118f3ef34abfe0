package dev.bulwark.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Locale;

/**
 * Fuzz tests of every parser that sees outside input: Base32 secrets, TOTP and HOTP codes,
 * one-time code sessions and codes, recovery codes. In the normal build they replay the committed
 * seed corpus under {@code src/test/resources/dev/bulwark/verification/VerificationFuzzTestInputs};
 * with {@code JAZZER_FUZZ=1} they fuzz with coverage guidance. Each must answer with its documented
 * exception or typed result and leave state unchanged.
 */
class VerificationFuzzTest {
  private static final ManualClock CLOCK = ManualClock.fixed();
  private static final Totp TOTP =
      Totp.of(OtpSecret.copyOf("12345678901234567890".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
  private static final TotpVerifier TOTP_VERIFIER =
      TotpVerifier.builder().clock(CLOCK).listener(OtpEventListener.none()).build();
  private static final Hotp HOTP = Hotp.of(OtpSecret.copyOf(new byte[20]));
  private static final HotpVerifier HOTP_VERIFIER =
      HotpVerifier.builder().listener(OtpEventListener.none()).build();
  private static final OneTimeCodes CODES =
      OneTimeCodes.builder().pepper(OneTimeCodesTest.PEPPER).clock(CLOCK).build();
  private static final RecoveryCodes RECOVERY =
      RecoveryCodes.builder().pepper(OneTimeCodesTest.PEPPER).build();

  /** Strict Base32: either an IllegalArgumentException, or a secret that encodes back exactly. */
  @FuzzTest(maxDuration = "30s")
  void base32Secrets(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    OtpSecret secret;
    try {
      secret = OtpSecret.fromBase32(text);
    } catch (IllegalArgumentException rejected) {
      if (text.length() >= 4) {
        assertThat(rejected.getMessage()).doesNotContain(text);
      }
      return;
    }
    assertThat(secret.toBase32()).isEqualTo(text.replace("=", "").toUpperCase(Locale.ROOT));
  }

  /** TOTP input: MALFORMED unless exactly six ASCII digits; a non-code never verifies. */
  @FuzzTest(maxDuration = "30s")
  void totpCodes(FuzzedDataProvider data) {
    String input = data.consumeRemainingAsString();
    OtpVerification v = TOTP_VERIFIER.verify("fuzz", TOTP, input);
    boolean wellFormed = input.length() == 6 && input.chars().allMatch(c -> c >= '0' && c <= '9');
    if (!wellFormed) {
      assertThat(v.status()).isEqualTo(OtpVerificationStatus.MALFORMED);
    } else {
      assertThat(v.status()).isIn(OtpVerificationStatus.values());
    }
  }

  /** HOTP input: MALFORMED unless exactly six ASCII digits; never an exception. */
  @FuzzTest(maxDuration = "30s")
  void hotpCodes(FuzzedDataProvider data) {
    String first = data.consumeString(12);
    String second = data.consumeRemainingAsString();
    long before = HOTP_VERIFIER.nextCounter("fuzz");
    OtpVerification v = HOTP_VERIFIER.verify("fuzz", HOTP, first);
    if (v.status() == OtpVerificationStatus.MALFORMED) {
      assertThat(HOTP_VERIFIER.nextCounter("fuzz")).isEqualTo(before);
    }
    OtpVerification r = HOTP_VERIFIER.resynchronize("fuzz", HOTP, first, second);
    assertThat(r.status()).isNotNull();
  }

  /** One-time code sessions and codes from a client: typed results, never an exception. */
  @FuzzTest(maxDuration = "30s")
  void oneTimeCodeInput(FuzzedDataProvider data) {
    String sessionId = data.consumeString(40);
    String code = data.consumeRemainingAsString();
    CodeVerification v = CODES.verify(sessionId, "login", "+14155550123", code);
    assertThat(v.status()).isIn(CodeVerificationStatus.NOT_FOUND, CodeVerificationStatus.MALFORMED);
    ResendResult r = CODES.resend(sessionId, "login", "+14155550123");
    assertThat(r.status()).isEqualTo(ResendStatus.NOT_FOUND);
  }

  /** Recovery code input: MALFORMED or INVALID for an account with codes, never an exception. */
  @FuzzTest(maxDuration = "30s")
  void recoveryCodeInput(FuzzedDataProvider data) {
    String input = data.consumeRemainingAsString();
    RecoveryResult r = RECOVERY.redeem("fuzz-account", input);
    assertThat(r.status()).isIn(RecoveryStatus.MALFORMED, RecoveryStatus.INVALID, RecoveryStatus.NO_CODES);
  }
}
