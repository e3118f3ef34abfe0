package dev.bulwark.verification;

import static dev.bulwark.verification.CodeVerificationStatus.ATTEMPTS_EXHAUSTED;
import static dev.bulwark.verification.CodeVerificationStatus.EXPIRED;
import static dev.bulwark.verification.CodeVerificationStatus.INVALID;
import static dev.bulwark.verification.CodeVerificationStatus.MALFORMED;
import static dev.bulwark.verification.CodeVerificationStatus.NOT_FOUND;
import static dev.bulwark.verification.CodeVerificationStatus.VERIFIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OneTimeCodesTest {
  static final byte[] PEPPER = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  static final String PHONE = "+14155550123";

  final ManualClock clock = ManualClock.fixed();
  final OneTimeCodes codes = OneTimeCodes.builder().pepper(PEPPER).clock(clock).build();

  static String wrong(OneTimeCode code) {
    char[] c = code.reveal().toCharArray();
    c[0] = (char) ('0' + (c[0] - '0' + 1) % 10);
    return new String(c);
  }

  @Test
  void theRightCodeVerifiesOnceThenTheSessionIsGone() {
    IssuedCode issued = codes.issue("registration", PHONE);

    assertThat(codes.verify(issued.sessionId(), "registration", PHONE, issued.code().reveal()).status())
        .isEqualTo(VERIFIED);
    assertThat(codes.verify(issued.sessionId(), "registration", PHONE, issued.code().reveal()).status())
        .isEqualTo(NOT_FOUND);
  }

  @Test
  void issueReportsTheDefaultTimes() {
    Instant now = clock.instant();
    IssuedCode issued = codes.issue("login", PHONE);

    assertThat(issued.code().length()).isEqualTo(6);
    assertThat(issued.code().reveal()).matches("[0-9]{6}");
    assertThat(issued.sessionId()).matches("[A-Za-z0-9_-]{27}");
    assertThat(issued.codeExpiresAt()).isEqualTo(now.plus(Duration.ofMinutes(10)));
    assertThat(issued.nextResendAt()).contains(now.plus(Duration.ofMinutes(1)));
    assertThat(issued.sessionExpiresAt()).isEqualTo(now.plus(Duration.ofMinutes(30)));
  }

  @Test
  void sessionIdsAreFresh() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      ids.add(codes.issue("login", PHONE).sessionId());
    }
    assertThat(ids).doesNotHaveDuplicates();
  }

  @Test
  void threeWrongCodesBurnTheCodeAndTheRightOneNoLongerVerifies() {
    IssuedCode issued = codes.issue("login", PHONE);
    String bad = wrong(issued.code());

    CodeVerification first = codes.verify(issued.sessionId(), "login", PHONE, bad);
    assertThat(first.status()).isEqualTo(INVALID);
    assertThat(first.attemptsRemaining()).isEqualTo(2);
    assertThat(first.nextAttemptAt()).contains(clock.instant());
    assertThat(first.nextResendAt()).contains(clock.instant().plus(Duration.ofMinutes(1)));

    assertThat(codes.verify(issued.sessionId(), "login", PHONE, bad).attemptsRemaining()).isEqualTo(1);
    CodeVerification third = codes.verify(issued.sessionId(), "login", PHONE, bad);
    assertThat(third.status()).isEqualTo(ATTEMPTS_EXHAUSTED);
    assertThat(third.nextAttemptAt()).isEmpty();

    assertThat(codes.verify(issued.sessionId(), "login", PHONE, issued.code().reveal()).status())
        .isEqualTo(ATTEMPTS_EXHAUSTED);
  }

  @Test
  void aCodeExpiresAfterItsLifetime() {
    IssuedCode issued = codes.issue("login", PHONE);
    clock.advance(Duration.ofMinutes(10));

    CodeVerification v = codes.verify(issued.sessionId(), "login", PHONE, issued.code().reveal());
    assertThat(v.status()).isEqualTo(EXPIRED);
    assertThat(v.nextResendAt()).isPresent();
  }

  @Test
  void aCodeVerifiesJustBeforeItsExpiry() {
    IssuedCode issued = codes.issue("login", PHONE);
    clock.advance(Duration.ofMinutes(10).minusMillis(1));

    assertThat(codes.verify(issued.sessionId(), "login", PHONE, issued.code().reveal()).status())
        .isEqualTo(VERIFIED);
  }

  @Test
  void aSessionIsForgottenAfterItsLifetime() {
    IssuedCode issued = codes.issue("login", PHONE);
    clock.advance(Duration.ofMinutes(30));

    assertThat(codes.verify(issued.sessionId(), "login", PHONE, issued.code().reveal()).status())
        .isEqualTo(NOT_FOUND);
    assertThat(codes.resend(issued.sessionId(), "login", PHONE).status()).isEqualTo(ResendStatus.NOT_FOUND);
  }

  @Test
  void theCodeIsBoundToPurposeAndDestination() {
    IssuedCode issued = codes.issue("login", PHONE);
    String code = issued.code().reveal();

    assertThat(codes.verify(issued.sessionId(), "change-number", PHONE, code).status()).isEqualTo(INVALID);
    assertThat(codes.verify(issued.sessionId(), "login", "+14155550999", code).status()).isEqualTo(INVALID);
    assertThat(codes.verify(issued.sessionId(), "login", PHONE, code).status()).isEqualTo(VERIFIED);
  }

  @Test
  void aResendInvalidatesThePreviousCode() {
    IssuedCode issued = codes.issue("login", PHONE);
    clock.advance(Duration.ofMinutes(1));

    ResendResult resent = codes.resend(issued.sessionId(), "login", PHONE);
    assertThat(resent.status()).isEqualTo(ResendStatus.SENT);
    OneTimeCode fresh = resent.code().orElseThrow();

    // The old code is simply wrong now (unless the new one happens to be equal).
    if (!fresh.reveal().equals(issued.code().reveal())) {
      assertThat(codes.verify(issued.sessionId(), "login", PHONE, issued.code().reveal()).status())
          .isEqualTo(INVALID);
    }
    assertThat(codes.verify(issued.sessionId(), "login", PHONE, fresh.reveal()).status()).isEqualTo(VERIFIED);
  }

  @Test
  void aResendGivesABurnedSessionAFreshBudget() {
    IssuedCode issued = codes.issue("login", PHONE);
    for (int i = 0; i < 3; i++) {
      CodeVerification ignored = codes.verify(issued.sessionId(), "login", PHONE, wrong(issued.code()));
    }
    clock.advance(Duration.ofMinutes(1));
    OneTimeCode fresh = codes.resend(issued.sessionId(), "login", PHONE).code().orElseThrow();

    assertThat(codes.verify(issued.sessionId(), "login", PHONE, fresh.reveal()).status()).isEqualTo(VERIFIED);
  }

  @Test
  void resendCooldownsDoubleAndAreCapped() {
    IssuedCode issued = codes.issue("login", PHONE);
    String id = issued.sessionId();
    List<Duration> waits = new ArrayList<>();
    Instant sentAt = clock.instant();
    Instant allowed = issued.nextResendAt().orElseThrow();
    for (int send = 2; send <= 5; send++) {
      waits.add(Duration.between(sentAt, allowed));
      clock.set(allowed.toEpochMilli() - 1);
      ResendResult early = codes.resend(id, "login", PHONE);
      assertThat(early.status()).isEqualTo(ResendStatus.COOLDOWN);
      assertThat(early.nextResendAt()).contains(allowed);
      assertThat(early.code()).isEmpty();

      clock.set(allowed.toEpochMilli());
      sentAt = clock.instant();
      ResendResult sent = codes.resend(id, "login", PHONE);
      assertThat(sent.status()).isEqualTo(ResendStatus.SENT);
      if (send < 5) {
        allowed = sent.nextResendAt().orElseThrow();
      } else {
        assertThat(sent.nextResendAt()).isEmpty();
      }
    }
    assertThat(waits)
        .containsExactly(
            Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(4));
    clock.advance(Duration.ofMinutes(10));
    assertThat(codes.resend(id, "login", PHONE).status()).isEqualTo(ResendStatus.SEND_LIMIT_REACHED);
  }

  @Test
  void aResendNeverRedirectsTheSession() {
    IssuedCode issued = codes.issue("login", PHONE);
    clock.advance(Duration.ofMinutes(5));

    assertThat(codes.resend(issued.sessionId(), "login", "+14155550999").status())
        .isEqualTo(ResendStatus.BINDING_MISMATCH);
    assertThat(codes.resend(issued.sessionId(), "registration", PHONE).status())
        .isEqualTo(ResendStatus.BINDING_MISMATCH);
    // the mismatch changed nothing: the original code still verifies
    assertThat(codes.verify(issued.sessionId(), "login", PHONE, issued.code().reveal()).status())
        .isEqualTo(VERIFIED);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "12345", "1234567", "12345a", "+12345", "-12345", " 12345", "12345 ", "12 345",
        "١٢٣٤٥٦", "１２３４５６", "12345\u0000", "123456\n"
      })
  void malformedCodesChangeNothing(String input) {
    IssuedCode issued = codes.issue("login", PHONE);
    for (int i = 0; i < 10; i++) {
      assertThat(codes.verify(issued.sessionId(), "login", PHONE, input).status()).isEqualTo(MALFORMED);
    }
    assertThat(codes.verify(issued.sessionId(), "login", PHONE, null).status()).isEqualTo(MALFORMED);
    // no attempt was spent
    CodeVerification v = codes.verify(issued.sessionId(), "login", PHONE, wrong(issued.code()));
    assertThat(v.attemptsRemaining()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "short", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAAAAA!", "ÄAAAAAAAAAAAAAAAAAAAAAAAAAA"})
  void malformedSessionIdsAreNotFound(String sessionId) {
    assertThat(codes.verify(sessionId, "login", PHONE, "123456").status()).isEqualTo(NOT_FOUND);
    assertThat(codes.resend(sessionId, "login", PHONE).status()).isEqualTo(ResendStatus.NOT_FOUND);
    assertThat(codes.verify(null, "login", PHONE, "123456").status()).isEqualTo(NOT_FOUND);
    codes.cancel(sessionId);
  }

  @Test
  void cancelEndsTheSession() {
    IssuedCode issued = codes.issue("login", PHONE);
    codes.cancel(issued.sessionId());
    assertThat(codes.verify(issued.sessionId(), "login", PHONE, issued.code().reveal()).status())
        .isEqualTo(NOT_FOUND);
  }

  @Test
  void longerCodesFollowThePolicy() {
    OneTimeCodes eight =
        OneTimeCodes.builder()
            .pepper(PEPPER)
            .clock(clock)
            .policy(OneTimeCodePolicy.builder().length(8).maxAttempts(5).build())
            .build();
    IssuedCode issued = eight.issue("login", PHONE);
    assertThat(issued.code().reveal()).matches("[0-9]{8}");
    assertThat(eight.verify(issued.sessionId(), "login", PHONE, issued.code().reveal().substring(0, 6)).status())
        .isEqualTo(MALFORMED);
    assertThat(eight.verify(issued.sessionId(), "login", PHONE, issued.code().reveal()).status())
        .isEqualTo(VERIFIED);
  }

  @Test
  void hostMistakesThrowWithoutShowingTheDestination() {
    assertThatThrownBy(() -> codes.issue("Login", PHONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("purpose");
    assertThatThrownBy(() -> codes.issue("", PHONE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> codes.issue("login", "")).isInstanceOf(IllegalArgumentException.class);
    String huge = PHONE.repeat(100);
    assertThatThrownBy(() -> codes.issue("login", huge))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain(PHONE);
    assertThatThrownBy(() -> codes.verify("x", "bad purpose", PHONE, "123456"))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain(PHONE);
  }

  @Test
  void aPepperIsRequiredAndMustBeLongEnough() {
    assertThatThrownBy(() -> OneTimeCodes.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pepper");
    assertThatThrownBy(() -> OneTimeCodes.builder().pepper(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 32 bytes");
  }

  @Test
  void nothingPrintsTheCode() {
    IssuedCode issued = codes.issue("login", PHONE);
    assertThat(issued.toString()).doesNotContain(issued.code().reveal()).doesNotContain(PHONE);
    assertThat(issued.code().toString()).isEqualTo("OneTimeCode[6 digits]");
    clock.advance(Duration.ofMinutes(1));
    ResendResult r = codes.resend(issued.sessionId(), "login", PHONE);
    assertThat(r.toString()).doesNotContain(r.code().orElseThrow().reveal());
    CodeVerification v = codes.verify(issued.sessionId(), "login", PHONE, wrong(r.code().orElseThrow()));
    assertThat(v.toString()).doesNotContain(r.code().orElseThrow().reveal());
  }

  @Test
  void asyncFormsAgreeWithTheBlockingOnes() {
    IssuedCode issued = codes.issueAsync("login", PHONE).toCompletableFuture().join();
    assertThat(codes.verifyAsync(issued.sessionId(), "login", PHONE, "12").toCompletableFuture().join().status())
        .isEqualTo(MALFORMED);
    assertThat(codes.resendAsync(issued.sessionId(), "login", PHONE).toCompletableFuture().join().status())
        .isEqualTo(ResendStatus.COOLDOWN);
    assertThat(
            codes
                .verifyAsync(issued.sessionId(), "login", PHONE, issued.code().reveal())
                .toCompletableFuture()
                .join()
                .status())
        .isEqualTo(VERIFIED);
  }
}
