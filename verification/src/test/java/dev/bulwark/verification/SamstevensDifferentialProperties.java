package dev.bulwark.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.DefaultCodeVerifier;
import dev.samstevens.totp.code.HashingAlgorithm;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Differential tests against dev.samstevens.totp 1.7.1, the independent oracle: for random
 * secrets, times, algorithms and digit counts, both libraries compute the same codes and accept
 * the same codes.
 */
class SamstevensDifferentialProperties {
  private static final SecureRandom RANDOM = new SecureRandom();

  static Gen<OtpAlgorithm> algorithms() {
    return Generate.enumValues(OtpAlgorithm.class);
  }

  static HashingAlgorithm theirs(OtpAlgorithm a) {
    return switch (a) {
      case SHA1 -> HashingAlgorithm.SHA1;
      case SHA256 -> HashingAlgorithm.SHA256;
      case SHA512 -> HashingAlgorithm.SHA512;
    };
  }

  /** Our code for any secret, step, algorithm and length equals samstevens' code. */
  @Test
  void ourCodesEqualTheirs() {
    qt().withExamples(2000)
        .forAll(
            algorithms(),
            integers().between(OtpSecret.MIN_BYTES, 64),
            integers().between(6, 8),
            longs().between(0, 20_000_000_000L))
        .checkAssert(
            (algorithm, secretBytes, digits, unixSeconds) -> {
              OtpSecret secret = OtpSecret.generate(secretBytes, RANDOM);
              Totp ours =
                  Totp.of(secret, TotpParameters.builder().algorithm(algorithm).digits(digits).build());
              long step = unixSeconds / 30;
              String expected = generate(theirs(algorithm), digits, secret.toBase32(), step);
              assertThat(ours.generateForStep(step)).isEqualTo(expected);
              assertThat(Hotp.of(secret, algorithm, digits).generate(step)).isEqualTo(expected);
            });
  }

  /**
   * For a code from a random step near now, our verifier with the default window [-1, +1] accepts
   * it exactly when samstevens' DefaultCodeVerifier with a discrepancy of 1 does.
   */
  @Test
  void weAcceptExactlyWhatTheyAccept() {
    qt().withExamples(1000)
        .forAll(algorithms(), longs().between(120, 4_000_000_000L), integers().between(-3, 3))
        .checkAssert(
            (algorithm, unixSeconds, offset) -> {
              OtpSecret secret = OtpSecret.generate(algorithm);
              Totp ours = Totp.of(secret, TotpParameters.builder().algorithm(algorithm).build());
              String code = ours.generateForStep(unixSeconds / 30 + offset);

              DefaultCodeVerifier verifier =
                  new DefaultCodeVerifier(new DefaultCodeGenerator(theirs(algorithm), 6), () -> unixSeconds);
              verifier.setTimePeriod(30);
              verifier.setAllowedTimePeriodDiscrepancy(1);
              boolean theyAccept = verifier.isValidCode(secret.toBase32(), code);

              TotpVerifier ourVerifier =
                  TotpVerifier.builder()
                      .clock(new ManualClock(unixSeconds * 1000))
                      .listener(OtpEventListener.none())
                      .build();
              boolean weAccept = ourVerifier.verify("c", ours, code).isVerified();
              assertThat(weAccept).isEqualTo(theyAccept);
            });
  }

  private static String generate(HashingAlgorithm algorithm, int digits, String base32, long step) {
    try {
      return new DefaultCodeGenerator(algorithm, digits).generate(base32, step);
    } catch (dev.samstevens.totp.exceptions.CodeGenerationException e) {
      throw new AssertionError(e);
    }
  }
}
