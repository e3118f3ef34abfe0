package dev.bulwark.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TotpCredentialsTest {
  final ManualClock clock = ManualClock.fixed();
  final List<OtpEvent> events = new CopyOnWriteArrayList<>();
  final TotpVerifier verifier = TotpVerifier.builder().clock(clock).listener(events::add).build();
  final TotpCredentials credentials =
      TotpCredentials.builder()
          .issuer("ACME")
          .protectionKey(SecretProtectorTest.KEY)
          .verifier(verifier)
          .build();

  String codeNow(PendingEnrollment p) {
    return Totp.of(p.secret()).generate(clock.instant());
  }

  @Test
  void enrollmentNeedsAFirstValidCodeAndThatCodeIsSpent() {
    PendingEnrollment p = credentials.begin("alice", "alice@example.com");
    assertThat(p.keyUri()).startsWith("otpauth://totp/ACME:alice%40example.com?secret=" + p.secret().toBase32());
    assertThat(p.toString()).doesNotContain(p.secret().toBase32());
    assertThat(credentials.activeCredentialIds("alice")).isEmpty();

    String code = codeNow(p);
    assertThat(credentials.verify("alice", code).status()).isEqualTo(OtpVerificationStatus.INVALID);
    assertThat(credentials.confirm("alice", p.credentialId(), "000000x")).isEqualTo(EnrollmentStatus.MALFORMED);
    assertThat(credentials.confirm("alice", p.credentialId(), code)).isEqualTo(EnrollmentStatus.ACTIVATED);
    assertThat(credentials.activeCredentialIds("alice")).containsExactly(p.credentialId());
    assertThat(events).extracting(OtpEvent::type).contains(OtpEvent.Type.CREDENTIAL_ACTIVATED);

    // the confirming code cannot be used to log in
    assertThat(credentials.verify("alice", code).status()).isEqualTo(OtpVerificationStatus.REPLAYED);
    clock.advance(Duration.ofSeconds(30));
    assertThat(credentials.verify("alice", codeNow(p)).status()).isEqualTo(OtpVerificationStatus.VERIFIED);
  }

  @Test
  void aWrongFirstCodeLeavesTheEnrollmentPending() {
    PendingEnrollment p = credentials.begin("alice", "alice");
    String wrong = codeNow(p).equals("000000") ? "000001" : "000000";
    assertThat(credentials.confirm("alice", p.credentialId(), wrong)).isEqualTo(EnrollmentStatus.INVALID_CODE);
    assertThat(credentials.confirm("alice", p.credentialId(), codeNow(p))).isEqualTo(EnrollmentStatus.ACTIVATED);
  }

  @Test
  void pendingEnrollmentsExpireAndAreReplacedByNewerOnes() {
    PendingEnrollment first = credentials.begin("alice", "alice");
    PendingEnrollment second = credentials.begin("alice", "alice");
    assertThat(credentials.confirm("alice", first.credentialId(), codeNow(first))).isEqualTo(EnrollmentStatus.NOT_FOUND);

    clock.advance(Duration.ofMinutes(10));
    assertThat(credentials.confirm("alice", second.credentialId(), codeNow(second)))
        .isEqualTo(EnrollmentStatus.NOT_FOUND);
  }

  @Test
  void atMostTwoCredentialsPerAccount() {
    for (int i = 0; i < 2; i++) {
      PendingEnrollment p = credentials.begin("alice", "alice");
      assertThat(credentials.confirm("alice", p.credentialId(), codeNow(p))).isEqualTo(EnrollmentStatus.ACTIVATED);
    }
    assertThatThrownBy(() -> credentials.begin("alice", "alice"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("maximum");
    String first = credentials.activeCredentialIds("alice").get(0);
    assertThat(credentials.remove("alice", first)).isTrue();
    assertThat(credentials.remove("alice", first)).isFalse();
    PendingEnrollment p = credentials.begin("alice", "alice");
    assertThat(credentials.confirm("alice", p.credentialId(), codeNow(p))).isEqualTo(EnrollmentStatus.ACTIVATED);
  }

  @Test
  void raceToTheLimitIsSettledAtActivation() {
    PendingEnrollment p = credentials.begin("alice", "alice");
    TotpCredentials strict =
        TotpCredentials.builder()
            .issuer("ACME")
            .protectionKey(SecretProtectorTest.KEY)
            .verifier(verifier)
            .maxCredentialsPerAccount(1)
            .build();
    PendingEnrollment q = strict.begin("bob", "bob");
    PendingEnrollment r = strict.begin("carol", "carol");
    assertThat(strict.confirm("bob", q.credentialId(), codeNow(q))).isEqualTo(EnrollmentStatus.ACTIVATED);
    assertThat(strict.confirm("carol", r.credentialId(), codeNow(r))).isEqualTo(EnrollmentStatus.ACTIVATED);
    assertThat(p.credentialId()).isNotEqualTo(q.credentialId());
  }

  @Test
  void eachCredentialOfAnAccountVerifies() {
    PendingEnrollment phone = credentials.begin("alice", "phone");
    assertThat(credentials.confirm("alice", phone.credentialId(), codeNow(phone))).isEqualTo(EnrollmentStatus.ACTIVATED);
    PendingEnrollment tablet = credentials.begin("alice", "tablet");
    assertThat(credentials.confirm("alice", tablet.credentialId(), codeNow(tablet)))
        .isEqualTo(EnrollmentStatus.ACTIVATED);
    clock.advance(Duration.ofSeconds(30));
    assertThat(credentials.verify("alice", codeNow(tablet)).isVerified()).isTrue();
    assertThat(credentials.verify("alice", codeNow(phone)).isVerified()).isTrue();
    assertThat(credentials.verify("alice", "12345").status()).isEqualTo(OtpVerificationStatus.MALFORMED);
  }

  @Test
  void requiredSettingsAreChecked() {
    assertThatThrownBy(() -> TotpCredentials.builder().protectionKey(SecretProtectorTest.KEY).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("issuer");
    assertThatThrownBy(() -> TotpCredentials.builder().issuer("ACME").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SecretProtector");
    assertThatThrownBy(() -> TotpCredentials.builder().issuer("A:B")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TotpCredentials.builder().maxCredentialsPerAccount(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
