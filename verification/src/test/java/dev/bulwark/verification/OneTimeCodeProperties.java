package dev.bulwark.verification;

import static dev.bulwark.verification.CodeVerificationStatus.MALFORMED;
import static dev.bulwark.verification.CodeVerificationStatus.VERIFIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The one-time code invariants, each stated as a sentence and checked over generated histories.
 * Each history runs against a fresh service on a manual clock.
 */
class OneTimeCodeProperties {
  static final String PHONE = "+14155550123";

  /** One step of a history: 0 = right code, 1 = wrong code, 2 = malformed input, 3 = resend. */
  static Gen<List<Integer>> histories() {
    return lists().of(integers().between(0, 3)).ofSizeBetween(1, 30);
  }

  private static OneTimeCodes service(ManualClock clock) {
    return OneTimeCodes.builder().pepper(OneTimeCodesTest.PEPPER).clock(clock).build();
  }

  /** A code verifies at most once, whatever else is submitted around it. */
  @Test
  void aCodeVerifiesAtMostOnce() {
    qt().forAll(histories(), integers().between(0, 120))
        .checkAssert(
            (history, secondsBetween) -> {
              ManualClock clock = ManualClock.fixed();
              OneTimeCodes codes = service(clock);
              IssuedCode issued = codes.issue("login", PHONE);
              String current = issued.code().reveal();
              int verifiedForCurrentCode = 0;
              for (int step : history) {
                clock.advance(Duration.ofSeconds(secondsBetween));
                if (step == 3) {
                  ResendResult r = codes.resend(issued.sessionId(), "login", PHONE);
                  if (r.isSent()) {
                    current = r.code().orElseThrow().reveal();
                    verifiedForCurrentCode = 0;
                  }
                  continue;
                }
                String input =
                    step == 0 ? current : step == 1 ? OneTimeCodesTest.wrong(new OneTimeCode(current)) : "12 34";
                if (codes.verify(issued.sessionId(), "login", PHONE, input).isVerified()) {
                  verifiedForCurrentCode++;
                }
                assertThat(verifiedForCurrentCode).isLessThanOrEqualTo(1);
              }
            });
  }

  /** A burned code never verifies, not even when the right code comes next. */
  @Test
  void aBurnedCodeNeverVerifies() {
    qt().forAll(integers().between(1, 10), integers().between(0, 5))
        .checkAssert(
            (maxAttempts, extraTries) -> {
              ManualClock clock = ManualClock.fixed();
              OneTimeCodes codes =
                  OneTimeCodes.builder()
                      .pepper(OneTimeCodesTest.PEPPER)
                      .clock(clock)
                      .policy(OneTimeCodePolicy.builder().maxAttempts(maxAttempts).build())
                      .build();
              IssuedCode issued = codes.issue("login", PHONE);
              String wrong = OneTimeCodesTest.wrong(issued.code());
              for (int i = 0; i < maxAttempts; i++) {
                CodeVerification ignored = codes.verify(issued.sessionId(), "login", PHONE, wrong);
              }
              for (int i = 0; i <= extraTries; i++) {
                CodeVerification v = codes.verify(issued.sessionId(), "login", PHONE, issued.code().reveal());
                assertThat(v.status()).isEqualTo(CodeVerificationStatus.ATTEMPTS_EXHAUSTED);
              }
            });
  }

  /** No code verifies at or after its expiry, however long after. */
  @Test
  void noCodeVerifiesAfterExpiry() {
    qt().forAll(integers().between(30, 1800), longs().between(0, 48L * 3600 * 1000))
        .checkAssert(
            (lifetimeSeconds, extraMillis) -> {
              ManualClock clock = ManualClock.fixed();
              OneTimeCodePolicy policy =
                  OneTimeCodePolicy.builder()
                      .codeLifetime(Duration.ofSeconds(lifetimeSeconds))
                      .sessionLifetime(Duration.ofHours(1))
                      .build();
              OneTimeCodes codes =
                  OneTimeCodes.builder().pepper(OneTimeCodesTest.PEPPER).clock(clock).policy(policy).build();
              IssuedCode issued = codes.issue("login", PHONE);
              clock.advance(Duration.ofSeconds(lifetimeSeconds).plusMillis(extraMillis));
              CodeVerification v = codes.verify(issued.sessionId(), "login", PHONE, issued.code().reveal());
              assertThat(v.status()).isIn(CodeVerificationStatus.EXPIRED, CodeVerificationStatus.NOT_FOUND);
            });
  }

  /** Input that is not exactly six ASCII digits never verifies and never spends an attempt. */
  @Test
  void wrongLengthOrNonDigitInputNeverVerifies() {
    Gen<String> junk =
        Generate.oneOf(
                strings().allPossible().ofLengthBetween(0, 12),
                strings().numeric(),
                strings().basicLatinAlphabet().ofLengthBetween(0, 12),
                strings().betweenCodePoints(0x0660, 0x0669).ofLength(6),
                strings().betweenCodePoints(0xFF10, 0xFF19).ofLength(6))
            .assuming(s -> !s.matches("[0-9]{6}"));
    ManualClock clock = ManualClock.fixed();
    OneTimeCodes codes = service(clock);
    qt().forAll(junk)
        .checkAssert(
            input -> {
              IssuedCode issued = codes.issue("login", PHONE);
              assertThat(codes.verify(issued.sessionId(), "login", PHONE, input).status()).isEqualTo(MALFORMED);
              // state unchanged: the right code still verifies with the whole budget intact
              CodeVerification wrong =
                  codes.verify(issued.sessionId(), "login", PHONE, OneTimeCodesTest.wrong(issued.code()));
              assertThat(wrong.attemptsRemaining()).isEqualTo(2);
              assertThat(codes.verify(issued.sessionId(), "login", PHONE, issued.code().reveal()).status())
                  .isEqualTo(VERIFIED);
            });
  }

  /**
   * Generated codes are uniform per digit position: over 60,000 codes the chi-square statistic of
   * each position's digit counts stays below 50.17 (9 degrees of freedom, p = 10^-7), and the
   * leading digit is zero as often as any other.
   */
  @Test
  void generatedCodesAreUniformPerDigit() {
    OneTimeCodes codes = service(ManualClock.fixed());
    int n = 60_000;
    int length = 6;
    long[][] counts = new long[length][10];
    for (int i = 0; i < n; i++) {
      String code = codes.issue("login", PHONE).code().reveal();
      for (int p = 0; p < length; p++) {
        counts[p][code.charAt(p) - '0']++;
      }
    }
    double expected = n / 10.0;
    for (int p = 0; p < length; p++) {
      double chi2 = 0;
      for (int d = 0; d < 10; d++) {
        double diff = counts[p][d] - expected;
        chi2 += diff * diff / expected;
      }
      assertThat(chi2).as("chi-square of position %d", p).isLessThan(50.17);
    }
  }
}
