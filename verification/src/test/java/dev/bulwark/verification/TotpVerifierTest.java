package dev.bulwark.verification;

import static dev.bulwark.verification.OtpVerificationStatus.INVALID;
import static dev.bulwark.verification.OtpVerificationStatus.MALFORMED;
import static dev.bulwark.verification.OtpVerificationStatus.REPLAYED;
import static dev.bulwark.verification.OtpVerificationStatus.VERIFIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.verification.memory.MemoryOtpReplayStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TotpVerifierTest {
  final ManualClock clock = ManualClock.fixed();
  final List<OtpEvent> events = new CopyOnWriteArrayList<>();
  final MemoryOtpReplayStore store = MemoryOtpReplayStore.builder().clock(clock).executor(Runnable::run).build();
  final TotpVerifier verifier =
      TotpVerifier.builder().clock(clock).replayStore(store).listener(events::add).build();
  final Totp totp = Totp.of(OtpSecret.generate(OtpAlgorithm.SHA1));

  long now() {
    return totp.stepAtMillis(clock.millis());
  }

  @Test
  void theCurrentCodeVerifiesWithZeroDrift() {
    OtpVerification v = verifier.verify("cred-1", totp, totp.generateForStep(now()));
    assertThat(v.status()).isEqualTo(VERIFIED);
    assertThat(v.matchedStep()).hasValue(now());
    assertThat(v.drift()).isZero();
    assertThat(v.isVerified()).isTrue();
  }

  @Test
  void oneStepEitherWayIsAcceptedByDefaultAndReportsItsDrift() {
    assertThat(verifier.verify("a", totp, totp.generateForStep(now() - 1)).drift()).isEqualTo(-1);
    assertThat(verifier.verify("b", totp, totp.generateForStep(now() + 1)).drift()).isEqualTo(1);
    assertThat(verifier.verify("c", totp, totp.generateForStep(now() - 2)).status()).isEqualTo(INVALID);
    assertThat(verifier.verify("d", totp, totp.generateForStep(now() + 2)).status()).isEqualTo(INVALID);
  }

  @Test
  void theAsvsWindowAcceptsOnlyThePreviousAndCurrentStep() {
    Totp strict =
        Totp.of(
            OtpSecret.generate(OtpAlgorithm.SHA1),
            TotpParameters.builder().stepsBack(1).stepsForward(0).build());
    assertThat(verifier.verify("a", strict, strict.generateForStep(now() + 1)).status()).isEqualTo(INVALID);
    assertThat(verifier.verify("b", strict, strict.generateForStep(now() - 1)).status()).isEqualTo(VERIFIED);
  }

  @Test
  void aCodeIsAcceptedOnceAndItsReplayIsRejectedWithAnEvent() {
    String code = totp.generateForStep(now());
    assertThat(verifier.verify("cred-1", totp, code).status()).isEqualTo(VERIFIED);

    OtpVerification replay = verifier.verify("cred-1", totp, code);
    assertThat(replay.status()).isEqualTo(REPLAYED);
    assertThat(replay.matchedStep()).hasValue(now());
    assertThat(events).hasSize(1);
    OtpEvent e = events.get(0);
    assertThat(e.type()).isEqualTo(OtpEvent.Type.REPLAY_REJECTED);
    assertThat(e.credentialId()).isEqualTo("cred-1");
    assertThat(e.step()).isEqualTo(now());
    assertThat(e.lastAccepted()).isEqualTo(now());
    assertThat(e.toString()).doesNotContain(code);
  }

  @Test
  void anOlderCodeIsRejectedOnceANewerOneWasAccepted() {
    assertThat(verifier.verify("cred-1", totp, totp.generateForStep(now())).status()).isEqualTo(VERIFIED);
    assertThat(verifier.verify("cred-1", totp, totp.generateForStep(now() - 1)).status()).isEqualTo(REPLAYED);
    assertThat(verifier.verify("cred-1", totp, totp.generateForStep(now() + 1)).status()).isEqualTo(VERIFIED);
  }

  @Test
  void replayProtectionIsPerCredential() {
    String code = totp.generateForStep(now());
    assertThat(verifier.verify("cred-1", totp, code).status()).isEqualTo(VERIFIED);
    assertThat(verifier.verify("cred-2", totp, code).status()).isEqualTo(VERIFIED);
  }

  @Test
  void theNextStepsCodeVerifiesWhenItsTimeComes() {
    assertThat(verifier.verify("cred-1", totp, totp.generateForStep(now())).status()).isEqualTo(VERIFIED);
    clock.advance(Duration.ofSeconds(30));
    assertThat(verifier.verify("cred-1", totp, totp.generateForStep(now())).status()).isEqualTo(VERIFIED);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "12345", "1234567", "+12345", "-12345", " 12345", "12345 ", "12 345", "١٢٣٤٥٦", "１２３４５６", "12345a", "0x1234"})
  void anythingButSixAsciiDigitsIsMalformedAndChangesNothing(String input) {
    assertThat(verifier.verify("cred-1", totp, input).status()).isEqualTo(MALFORMED);
    assertThat(verifier.verify("cred-1", totp, null).status()).isEqualTo(MALFORMED);
    assertThat(store.lastAccepted("cred-1")).isEqualTo(Long.MIN_VALUE);
    assertThat(events).isEmpty();
  }

  @Test
  void aFailingListenerDoesNotChangeTheResult() {
    TotpVerifier v =
        TotpVerifier.builder()
            .clock(clock)
            .listener(
                e -> {
                  throw new IllegalStateException("listener broke");
                })
            .build();
    String code = totp.generateForStep(now());
    assertThat(v.verify("x", totp, code).status()).isEqualTo(VERIFIED);
    assertThat(v.verify("x", totp, code).status()).isEqualTo(REPLAYED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "tab\there", "ünïcode"})
  void badCredentialIdsAreRejected(String id) {
    assertThatThrownBy(() -> verifier.verify(id, totp, "123456"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("credentialId");
  }

  @Test
  void replayRecordsExpireOnceTheirStepHasLeftTheWindow() {
    assertThat(verifier.verify("cred-1", totp, totp.generateForStep(now())).status()).isEqualTo(VERIFIED);
    store.cleanUp();
    assertThat(store.estimatedSize()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(2));
    store.cleanUp();
    assertThat(store.estimatedSize()).as("kept with a few minutes of slack").isEqualTo(1);
    clock.advance(Duration.ofMinutes(10));
    store.cleanUp();
    assertThat(store.estimatedSize()).isZero();
  }

  @Test
  void theAsyncFormAgrees() {
    String code = totp.generateForStep(now());
    assertThat(verifier.verifyAsync("cred-1", totp, code).toCompletableFuture().join().status())
        .isEqualTo(VERIFIED);
    assertThat(verifier.verifyAsync("cred-1", totp, code).toCompletableFuture().join().status())
        .isEqualTo(REPLAYED);
    assertThat(verifier.verifyAsync("cred-1", totp, "nope").toCompletableFuture().join().status())
        .isEqualTo(MALFORMED);
  }

  @Test
  void keysAndSecretsNeverPrintTheSecret() {
    OtpSecret secret = OtpSecret.generate(OtpAlgorithm.SHA256);
    Totp t = Totp.of(secret, TotpParameters.builder().algorithm(OtpAlgorithm.SHA256).build());
    assertThat(secret.toString()).isEqualTo("OtpSecret[256 bits]");
    assertThat(t.toString()).doesNotContain(secret.toBase32());
    assertThat(Hotp.of(secret).toString()).doesNotContain(secret.toBase32());
  }

  @Test
  void parametersAreValidated() {
    assertThatThrownBy(() -> TotpParameters.builder().digits(5)).hasMessage("digits must be between 6 and 8, got 5");
    assertThatThrownBy(() -> TotpParameters.builder().digits(9)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TotpParameters.builder().stepSeconds(5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TotpParameters.builder().stepsBack(6)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TotpParameters.builder().stepsForward(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OtpSecret.copyOf(new byte[19])).hasMessage("secret must be 20 to 128 bytes, got 19");
    assertThat(TotpParameters.defaults().windowSize()).isEqualTo(3);
    assertThat(TotpParameters.defaults().toBuilder().build()).isEqualTo(TotpParameters.defaults());
  }
}
