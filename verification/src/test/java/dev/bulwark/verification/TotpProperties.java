package dev.bulwark.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** The TOTP invariants, each stated as a sentence and checked over generated histories. */
class TotpProperties {

  /** One submission: seconds to wait first, and which step's code (relative to now) to send. */
  record Submission(int waitSeconds, int stepOffset) {}

  static Gen<List<Submission>> histories() {
    Gen<Submission> one =
        integers().between(0, 45).zip(integers().between(-2, 2), Submission::new);
    return lists().of(one).ofSizeBetween(1, 40);
  }

  /**
   * A TOTP code never verifies twice for one credential: every accepted (step) is distinct, and
   * accepted steps strictly increase, whatever codes are sent in whatever order and timing.
   */
  @Test
  void aTotpCodeNeverVerifiesTwiceForOneCredential() {
    Totp totp = Totp.of(OtpSecret.generate(OtpAlgorithm.SHA1));
    qt().forAll(histories())
        .checkAssert(
            history -> {
              ManualClock clock = ManualClock.fixed();
              TotpVerifier verifier =
                  TotpVerifier.builder().clock(clock).listener(OtpEventListener.none()).build();
              Set<Long> accepted = new HashSet<>();
              long lastAccepted = Long.MIN_VALUE;
              for (Submission s : history) {
                clock.advance(java.time.Duration.ofSeconds(s.waitSeconds()));
                long step = totp.stepAtMillis(clock.millis()) + s.stepOffset();
                OtpVerification v = verifier.verify("cred", totp, totp.generateForStep(step));
                if (v.isVerified()) {
                  long matched = v.matchedStep().getAsLong();
                  assertThat(accepted.add(matched)).as("step %d accepted twice", matched).isTrue();
                  assertThat(matched).isGreaterThan(lastAccepted);
                  lastAccepted = matched;
                }
              }
            });
  }

  /** Input that is not exactly the configured number of ASCII digits never verifies. */
  @Test
  void wrongLengthOrNonDigitInputNeverVerifies() {
    Gen<String> junk =
        Generate.oneOf(
                strings().allPossible().ofLengthBetween(0, 12),
                strings().numeric(),
                strings().basicLatinAlphabet().ofLengthBetween(0, 10),
                strings().betweenCodePoints(0x0660, 0x0669).ofLength(6),
                strings().betweenCodePoints(0xFF10, 0xFF19).ofLength(6),
                strings().betweenCodePoints('0', '9').ofLengthBetween(0, 5),
                strings().betweenCodePoints('0', '9').ofLengthBetween(7, 12))
            .assuming(s -> !s.matches("[0-9]{6}"));
    ManualClock clock = ManualClock.fixed();
    TotpVerifier verifier = TotpVerifier.builder().clock(clock).listener(OtpEventListener.none()).build();
    Totp totp = Totp.of(OtpSecret.generate(OtpAlgorithm.SHA1));
    qt().forAll(junk)
        .checkAssert(
            input ->
                assertThat(verifier.verify("cred", totp, input).status())
                    .isEqualTo(OtpVerificationStatus.MALFORMED));
  }

  /** Strict Base32 round-trips: decoding then encoding gives back the canonical text. */
  @Test
  void base32DecodingDropsNothing() {
    qt().forAll(strings().betweenCodePoints('0', 'z').ofLengthBetween(32, 48))
        .checkAssert(
            text -> {
              OtpSecret secret;
              try {
                secret = OtpSecret.fromBase32(text);
              } catch (IllegalArgumentException rejected) {
                assertThat(rejected.getMessage()).doesNotContain(text);
                return;
              }
              String canonical = text.replace("=", "").toUpperCase(java.util.Locale.ROOT);
              assertThat(secret.toBase32()).isEqualTo(canonical);
            });
  }

  /** Any secret round-trips through Base32. */
  @Test
  void secretsRoundTripThroughBase32() {
    qt().forAll(integers().between(OtpSecret.MIN_BYTES, OtpSecret.MAX_BYTES))
        .checkAssert(
            n -> {
              OtpSecret s = OtpSecret.generate(n, new java.security.SecureRandom());
              assertThat(OtpSecret.fromBase32(s.toBase32()).toByteArray()).isEqualTo(s.toByteArray());
              assertThat(OtpSecret.fromBase32(s.toBase32().toLowerCase(java.util.Locale.ROOT)).toByteArray())
                  .isEqualTo(s.toByteArray());
            });
  }
}
