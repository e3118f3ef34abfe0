package dev.bulwark.verification;

import static dev.bulwark.verification.OtpVerificationStatus.INVALID;
import static dev.bulwark.verification.OtpVerificationStatus.MALFORMED;
import static dev.bulwark.verification.OtpVerificationStatus.REPLAYED;
import static dev.bulwark.verification.OtpVerificationStatus.VERIFIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class HotpVerifierTest {
  final List<OtpEvent> events = new CopyOnWriteArrayList<>();
  final HotpVerifier verifier = HotpVerifier.builder().listener(events::add).build();
  final Hotp hotp = Hotp.of(RfcVectorsTest.ascii(RfcVectorsTest.SEED_SHA1));

  @Test
  void countersAreAcceptedInOrderAndEachOnce() {
    assertThat(verifier.nextCounter("t")).isZero();
    OtpVerification v0 = verifier.verify("t", hotp, "755224");
    assertThat(v0.status()).isEqualTo(VERIFIED);
    assertThat(v0.matchedStep()).hasValue(0);
    assertThat(verifier.nextCounter("t")).isEqualTo(1);

    assertThat(verifier.verify("t", hotp, "755224").status()).isEqualTo(REPLAYED);
    assertThat(events).extracting(OtpEvent::type).containsExactly(OtpEvent.Type.REPLAY_REJECTED);
    assertThat(verifier.verify("t", hotp, "287082").status()).isEqualTo(VERIFIED);
  }

  @Test
  void theLookAheadWindowSkipsUnusedCountersAndReportsDrift() {
    OtpVerification v = verifier.verify("t", hotp, "254676"); // counter 5 is outside [0, 5)
    assertThat(v.status()).isEqualTo(INVALID);
    OtpVerification w = verifier.verify("t", hotp, "338314"); // counter 4
    assertThat(w.status()).isEqualTo(VERIFIED);
    assertThat(w.drift()).isEqualTo(4);
    // the skipped counters are gone for good
    assertThat(verifier.verify("t", hotp, "969429").status()).isEqualTo(INVALID);
    assertThat(verifier.nextCounter("t")).isEqualTo(5);
  }

  @Test
  void resynchronizationNeedsTwoConsecutiveCodes() {
    Hotp h = Hotp.of(OtpSecret.generate(OtpAlgorithm.SHA1));
    assertThat(verifier.verify("t", h, h.generate(40)).status()).isEqualTo(INVALID);
    assertThat(verifier.resynchronize("t", h, h.generate(40), h.generate(42)).status()).isEqualTo(INVALID);

    OtpVerification r = verifier.resynchronize("t", h, h.generate(40), h.generate(41));
    assertThat(r.status()).isEqualTo(VERIFIED);
    assertThat(r.matchedStep()).hasValue(41);
    assertThat(verifier.nextCounter("t")).isEqualTo(42);
    assertThat(events).extracting(OtpEvent::type).contains(OtpEvent.Type.HOTP_RESYNCHRONIZED);
    assertThat(verifier.verify("t", h, h.generate(42)).status()).isEqualTo(VERIFIED);
    assertThat(verifier.resynchronize("t", h, "12", h.generate(44)).status()).isEqualTo(MALFORMED);
  }

  @Test
  void resynchronizationSearchesBeyondSixtyTwoCounters() {
    Hotp h = Hotp.of(OtpSecret.generate(OtpAlgorithm.SHA256), OtpAlgorithm.SHA256, 8);
    OtpVerification r = verifier.resynchronize("t", h, h.generate(97), h.generate(98));
    assertThat(r.status()).isEqualTo(VERIFIED);
    assertThat(r.matchedStep()).hasValue(98);
  }

  @Test
  void initializeSetsTheFirstCounter() {
    assertThat(verifier.initialize("t", 7)).isTrue();
    assertThat(verifier.nextCounter("t")).isEqualTo(7);
    assertThat(verifier.verify("t", hotp, "162583").status()).isEqualTo(VERIFIED);
    assertThat(verifier.initialize("t", 3)).isFalse();
    assertThatThrownBy(() -> verifier.initialize("t", -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void malformedInputChangesNothing() {
    for (String s : new String[] {"", "75522", "7552245", "+55224", "７５５２２４", "755 24"}) {
      assertThat(verifier.verify("t", hotp, s).status()).isEqualTo(MALFORMED);
    }
    assertThat(verifier.nextCounter("t")).isZero();
  }

  @Test
  void settingsAreValidated() {
    assertThatThrownBy(() -> HotpVerifier.builder().lookAhead(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HotpVerifier.builder().lookAhead(51)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HotpVerifier.builder().lookAhead(20).resyncWindow(10).build())
        .hasMessageContaining("resyncWindow");
    assertThatThrownBy(() -> Hotp.of(OtpSecret.generate(OtpAlgorithm.SHA1), OtpAlgorithm.SHA1, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> hotp.generate(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
