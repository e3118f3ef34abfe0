package dev.bulwark.ratelimit.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.bulwark.ratelimit.RateLimitKey;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The guarantees of challenge tokens, as properties over random subjects, purposes and edits. */
class ChallengeTokenProperties {
  private static final byte[] SECRET =
      "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private static Gen<RateLimitKey> subjects() {
    return strings()
        .basicLatinAlphabet()
        .ofLengthBetween(1, 40)
        .map(s -> RateLimitKey.of("user", s));
  }

  private static Gen<String> purposes() {
    return strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 12);
  }

  /** A token passes exactly once, and only for the subject and purpose it was issued for. */
  @Test
  void aTokenVerifiesOnceAndOnlyForItsSubjectAndPurpose() {
    qt().forAll(subjects(), purposes(), subjects(), purposes())
        .checkAssert(
            (subject, purpose, otherSubject, otherPurpose) -> {
              ChallengeTokens tokens =
                  ChallengeTokens.builder(SECRET).clock(new TestClock()).build();
              String token = tokens.issue(ChallengeKind.CAPTCHA, 0, subject, purpose).token();
              if (!otherSubject.equals(subject)) {
                assertThat(tokens.redeem(token, ChallengeKind.CAPTCHA, otherSubject, purpose))
                    .isEqualTo(ChallengeOutcome.INVALID);
              }
              if (!otherPurpose.equals(purpose)) {
                assertThat(tokens.redeem(token, ChallengeKind.CAPTCHA, subject, otherPurpose))
                    .isEqualTo(ChallengeOutcome.INVALID);
              }
              assertThat(tokens.redeem(token, ChallengeKind.PUSH, subject, purpose))
                  .isEqualTo(ChallengeOutcome.INVALID);
              assertThat(tokens.redeem(token, ChallengeKind.CAPTCHA, subject, purpose))
                  .isEqualTo(ChallengeOutcome.PASSED);
              assertThat(tokens.redeem(token, ChallengeKind.CAPTCHA, subject, purpose))
                  .isEqualTo(ChallengeOutcome.ALREADY_USED);
            });
  }

  /** Changing any one character of a token makes it fail, and uses nothing up. */
  @Test
  void tamperedTokensNeverVerify() {
    qt().forAll(
            subjects(),
            integers().between(0, ChallengeTokens.TOKEN_LENGTH - 1),
            integers().between(1, 63))
        .checkAssert(
            (subject, position, shift) -> {
              ChallengeTokens tokens =
                  ChallengeTokens.builder(SECRET).clock(new TestClock()).build();
              String token =
                  tokens.issue(ChallengeKind.PROOF_OF_WORK, 20, subject, "login").token();
              String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
              char original = token.charAt(position);
              char replaced = alphabet.charAt((alphabet.indexOf(original) + shift) % 64);
              String tampered =
                  token.substring(0, position) + replaced + token.substring(position + 1);
              assertThat(tokens.redeem(tampered, ChallengeKind.PROOF_OF_WORK, subject, "login"))
                  .isIn(ChallengeOutcome.INVALID, ChallengeOutcome.MALFORMED);
              assertThat(tokens.redeem(token, ChallengeKind.PROOF_OF_WORK, subject, "login"))
                  .isEqualTo(ChallengeOutcome.PASSED);
            });
  }

  /** No token passes at or after its expiry, used or not. */
  @Test
  void noTokenPassesAfterItsLifetime() {
    qt().forAll(subjects(), integers().between(0, 3_600))
        .checkAssert(
            (subject, secondsAfterExpiry) -> {
              TestClock clock = new TestClock();
              ChallengeTokens tokens =
                  ChallengeTokens.builder(SECRET).clock(clock).ttl(Duration.ofMinutes(5)).build();
              String token = tokens.issue(ChallengeKind.PUSH, 0, subject, "login").token();
              clock.advance(Duration.ofMinutes(5).plusSeconds(secondsAfterExpiry));
              assertThat(tokens.redeem(token, ChallengeKind.PUSH, subject, "login"))
                  .isEqualTo(ChallengeOutcome.EXPIRED);
            });
  }
}
