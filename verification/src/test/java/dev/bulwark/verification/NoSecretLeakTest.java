package dev.bulwark.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.CapturingServiceProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Runs every feature through its happy path, its failures and its bad input with a capturing SLF4J
 * provider installed, collecting every log line, exception message and {@code toString()}, and
 * checks that none contains a code, a secret, a pepper, a key or a destination.
 */
class NoSecretLeakTest {
  static final String PHONE = "+14155550199";

  final List<String> seen = new ArrayList<>();
  final List<String> secrets = new ArrayList<>();

  void see(Object o) {
    seen.add(String.valueOf(o));
  }

  void attempt(Supplier<Object> action) {
    try {
      see(action.get());
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        see(t.getMessage());
        see(t);
      }
    }
  }

  @Test
  void noSecretReachesALogLineAMessageOrAToString() {
    assertThat(LoggerFactory.getILoggerFactory().getClass().getName())
        .contains("CapturingServiceProvider");
    CapturingServiceProvider.clear();
    ManualClock clock = ManualClock.fixed();
    byte[] pepper = OneTimeCodesTest.PEPPER;
    secrets.add(new String(pepper, StandardCharsets.US_ASCII));
    secrets.add(HexFormat.of().formatHex(pepper));
    secrets.add(PHONE);
    secrets.add(PHONE.substring(1));

    // one-time codes, with the logging on
    OneTimeCodes codes = OneTimeCodes.builder().pepper(pepper).clock(clock).build();
    IssuedCode issued = codes.issue("login", PHONE);
    secrets.add(issued.code().reveal());
    see(issued);
    see(issued.code());
    String wrong = OneTimeCodesTest.wrong(issued.code());
    for (int i = 0; i < 4; i++) {
      see(codes.verify(issued.sessionId(), "login", PHONE, wrong));
    }
    see(codes.verify(issued.sessionId(), "login", PHONE, issued.code().reveal()));
    attempt(() -> codes.verify(issued.sessionId(), "bad purpose", PHONE, issued.code().reveal()));
    attempt(() -> codes.issue("login", PHONE.repeat(50)));
    attempt(() -> codes.issue("LOGIN", PHONE));
    clock.advance(Duration.ofMinutes(1));
    ResendResult resent = codes.resend(issued.sessionId(), "login", PHONE);
    secrets.add(resent.code().orElseThrow().reveal());
    see(resent);
    see(codes.resend(issued.sessionId(), "login", PHONE));
    see(codes.verify(issued.sessionId(), "login", PHONE, resent.code().orElseThrow().reveal()));
    attempt(() -> OneTimeCodes.builder().pepper(new byte[5]));

    // TOTP: replays are logged by the default listener; a throwing listener is logged too
    OtpSecret secret = OtpSecret.generate(OtpAlgorithm.SHA1);
    secrets.add(secret.toBase32());
    secrets.add(Base64.getEncoder().encodeToString(secret.toByteArray()));
    secrets.add(HexFormat.of().formatHex(secret.toByteArray()));
    Totp totp = Totp.of(secret);
    see(secret);
    see(totp);
    TotpVerifier verifier = TotpVerifier.builder().clock(clock).build();
    String totpCode = totp.generate(clock.instant());
    secrets.add(totpCode);
    see(verifier.verify("cred-1", totp, totpCode));
    see(verifier.verify("cred-1", totp, totpCode));
    TotpVerifier throwing =
        TotpVerifier.builder()
            .clock(clock)
            .listener(
                e -> {
                  throw new IllegalStateException("boom");
                })
            .build();
    see(throwing.verify("cred-2", totp, totpCode));
    see(throwing.verify("cred-2", totp, totpCode));
    attempt(() -> OtpSecret.fromBase32(secret.toBase32() + "1"));
    attempt(() -> OtpSecret.fromBase32(secret.toBase32().substring(0, 30) + " "));
    attempt(() -> OtpSecret.fromBase32(secret.toBase32().substring(0, 8)));

    // HOTP
    HotpVerifier hotpVerifier = HotpVerifier.builder().clock(clock).build();
    Hotp hotp = Hotp.of(secret);
    String hotpCode = hotp.generate(0);
    secrets.add(hotpCode);
    see(hotpVerifier.verify("tok", hotp, hotpCode));
    see(hotpVerifier.verify("tok", hotp, hotpCode));
    see(hotpVerifier.resynchronize("tok", hotp, hotp.generate(20), hotp.generate(21)));

    // enrollment, with a tampered secret
    TotpCredentials credentials =
        TotpCredentials.builder()
            .issuer("ACME")
            .protectionKey(SecretProtectorTest.KEY)
            .verifier(verifier)
            .build();
    secrets.add(HexFormat.of().formatHex(SecretProtectorTest.KEY));
    PendingEnrollment p = credentials.begin("alice", "alice@example.com");
    secrets.add(p.secret().toBase32());
    see(p);
    String first = Totp.of(p.secret()).generate(clock.instant());
    secrets.add(first);
    see(credentials.confirm("alice", p.credentialId(), first));
    see(credentials.verify("alice", first));
    see(credentials.remove("alice", p.credentialId()));
    attempt(
        () ->
            dev.bulwark.verification.spi.SecretProtector.aesGcm(SecretProtectorTest.KEY)
                .unprotect(new byte[40], "cred"));

    // recovery codes
    RecoveryCodes recovery = RecoveryCodes.builder().pepper(pepper).build();
    List<RecoveryCode> recoveryCodes = recovery.generate("alice");
    for (RecoveryCode c : recoveryCodes) {
      secrets.add(c.reveal());
      secrets.add(c.reveal().replace("-", ""));
      see(c);
    }
    see(recoveryCodes);
    see(recovery.redeem("alice", recoveryCodes.get(0).reveal()));
    see(recovery.redeem("alice", recoveryCodes.get(0).reveal()));
    see(recovery.redeem("alice", "not a code"));

    List<String> logged = CapturingServiceProvider.events();
    assertThat(logged).as("the run should have logged something to check").isNotEmpty();
    assertThat(logged).anyMatch(l -> l.contains("replay rejected"));
    assertThat(logged).anyMatch(l -> l.contains("status=ATTEMPTS_EXHAUSTED"));
    assertThat(logged).anyMatch(l -> l.contains("OtpEventListener threw"));
    List<String> everything = new ArrayList<>(seen);
    everything.addAll(logged);
    for (String text : everything) {
      for (String s : secrets) {
        assertThat(text).as("a line or message").doesNotContain(s);
      }
    }
  }
}
