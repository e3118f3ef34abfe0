package dev.bulwark.ratelimit.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ratelimit.RateLimitKey;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProofOfWorkTest {
  private final RateLimitKey alice = RateLimitKey.phone("+15550100001");
  private final ChallengeTokens tokens =
      ChallengeTokens.builder(new byte[32]).clock(new TestClock()).build();
  private final ProofOfWork pow =
      ProofOfWork.builder(tokens).baseDifficulty(10).maxDifficulty(14).build();

  @Test
  void aSolvedChallengePassesOnce() {
    ChallengeTokens.IssuedToken issued = pow.issue(alice, "registration");
    assertThat(issued.parameter()).isEqualTo(10);
    String answer = ProofOfWork.solve(issued.token(), issued.parameter());
    assertThat(pow.verify(issued.token(), alice, "registration", answer))
        .isEqualTo(ChallengeOutcome.PASSED);
    assertThat(pow.verify(issued.token(), alice, "registration", answer))
        .isEqualTo(ChallengeOutcome.ALREADY_USED);
  }

  @Test
  void aWrongAnswerFailsAndLeavesTheTokenUsable() {
    ChallengeTokens.IssuedToken issued = pow.issue(alice, "registration");
    String wrong = firstWrongAnswer(issued.token(), issued.parameter());
    assertThat(pow.verify(issued.token(), alice, "registration", wrong))
        .isEqualTo(ChallengeOutcome.FAILED);
    String answer = ProofOfWork.solve(issued.token(), issued.parameter());
    assertThat(pow.verify(issued.token(), alice, "registration", answer))
        .isEqualTo(ChallengeOutcome.PASSED);
  }

  @Test
  void aSolutionIsWorthlessForAnotherSubjectOrPurpose() {
    ChallengeTokens.IssuedToken issued = pow.issue(alice, "registration");
    String answer = ProofOfWork.solve(issued.token(), issued.parameter());
    RateLimitKey bob = RateLimitKey.phone("+15550100002");
    assertThat(pow.verify(issued.token(), bob, "registration", answer))
        .isEqualTo(ChallengeOutcome.INVALID);
    assertThat(pow.verify(issued.token(), alice, "login", answer))
        .isEqualTo(ChallengeOutcome.INVALID);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", " ", "abc def", "ünïcode", "0123456789012345678901234567890123", "a/b", "a+b"})
  void malformedAnswersAreRefusedWithoutUsingTheToken(String answer) {
    ChallengeTokens.IssuedToken issued = pow.issue(alice, "registration");
    assertThat(pow.verify(issued.token(), alice, "registration", answer))
        .isEqualTo(ChallengeOutcome.MALFORMED);
    assertThat(pow.verify(issued.token(), alice, "registration", null))
        .isEqualTo(ChallengeOutcome.MALFORMED);
    String solved = ProofOfWork.solve(issued.token(), issued.parameter());
    assertThat(pow.verify(issued.token(), alice, "registration", solved))
        .isEqualTo(ChallengeOutcome.PASSED);
  }

  @Test
  void difficultyRisesWithLoad() {
    AtomicReference<Double> load = new AtomicReference<>(0.0);
    ProofOfWork adaptive =
        ProofOfWork.builder(tokens).baseDifficulty(16).maxDifficulty(24).load(load::get).build();
    assertThat(adaptive.currentDifficulty()).isEqualTo(16);
    load.set(0.5);
    assertThat(adaptive.currentDifficulty()).isEqualTo(20);
    load.set(7.0);
    assertThat(adaptive.currentDifficulty()).isEqualTo(24);
    load.set(Double.NaN);
    assertThat(adaptive.currentDifficulty()).isEqualTo(24);
    assertThat(adaptive.issue(alice, "x").parameter()).isEqualTo(24);
  }

  @Test
  void meetsDifficultyCountsLeadingZeroBits() {
    assertThat(ProofOfWork.meetsDifficulty(new byte[] {0, 0x0F, 1}, 12)).isTrue();
    assertThat(ProofOfWork.meetsDifficulty(new byte[] {0, 0x10, 1}, 12)).isFalse();
    assertThat(ProofOfWork.meetsDifficulty(new byte[] {(byte) 0x80}, 0)).isTrue();
    assertThat(ProofOfWork.meetsDifficulty(new byte[] {0, 0, 0}, 24)).isTrue();
  }

  @Test
  void configurationIsValidated() {
    assertThatThrownBy(() -> ProofOfWork.builder(tokens).baseDifficulty(7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseDifficulty must be between 8 and 32, got 7");
    assertThatThrownBy(
            () -> ProofOfWork.builder(tokens).baseDifficulty(20).maxDifficulty(10).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String firstWrongAnswer(String token, int difficulty) {
    for (int i = 0; ; i++) {
      String candidate = "w" + i;
      try {
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        byte[] h =
            sha.digest(
                (token + ":" + candidate).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        if (!ProofOfWork.meetsDifficulty(h, difficulty)) {
          return candidate;
        }
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new AssertionError(e);
      }
    }
  }
}
