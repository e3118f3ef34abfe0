package dev.bulwark.examples.verification;

import dev.bulwark.examples.Scenario;
import dev.bulwark.verification.CodeVerification;
import dev.bulwark.verification.CodeVerificationStatus;
import dev.bulwark.verification.IssuedCode;
import dev.bulwark.verification.OneTimeCodes;
import dev.bulwark.verification.OtpEvent;
import dev.bulwark.verification.OtpVerification;
import dev.bulwark.verification.OtpVerificationStatus;
import dev.bulwark.verification.PendingEnrollment;
import dev.bulwark.verification.Totp;
import dev.bulwark.verification.TotpCredentials;
import dev.bulwark.verification.TotpVerifier;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Two attacks on verification codes. First, an attacker who started an SMS verification for a
 * victim's number tries to brute-force the 6-digit code: the attempt budget burns the code after 3
 * guesses, and from then on not even the right code verifies. Second, a phishing relay replays a
 * TOTP code the user has just used: the replay store rejects it and raises an event.
 */
public final class CodeAttackScenario implements Scenario {
  private static final String VICTIM = "+14155550123";
  private static final int GUESSES = 1000;

  @Override
  public String title() {
    return "Brute-forcing an SMS code, and replaying a TOTP code";
  }

  @Override
  public boolean run(PrintStream out) {
    boolean bruteForceHeld = bruteForce(out);
    out.println();
    boolean replayHeld = replay(out);
    return bruteForceHeld && replayHeld;
  }

  private static boolean bruteForce(PrintStream out) {
    AtomicLong millis = new AtomicLong(Instant.parse("2026-01-01T12:00:00Z").toEpochMilli());
    InstantSource clock = clock(millis);
    byte[] pepper = new byte[32];
    new SecureRandom().nextBytes(pepper);
    OneTimeCodes codes = OneTimeCodes.builder().pepper(pepper).clock(clock).build();

    IssuedCode issued = codes.issue("registration", VICTIM);
    out.printf(Locale.ROOT, "1. SMS code brute force: %s, %d guesses%n", codes.policy(), GUESSES);
    Map<CodeVerificationStatus, Integer> tally = new EnumMap<>(CodeVerificationStatus.class);
    String realCode = issued.code().reveal();
    int verified = 0;
    int guess = 0;
    for (int n = 0; n < GUESSES; n++, guess++) {
      String attempt = String.format(Locale.ROOT, "%06d", guess);
      if (attempt.equals(realCode) && n < 3) {
        // keep the demo deterministic: a lucky hit in the first three guesses (odds 3 in a
        // million) is what the budget allows, and is not what this scenario shows
        attempt = String.format(Locale.ROOT, "%06d", ++guess);
      }
      CodeVerification v = codes.verify(issued.sessionId(), "registration", VICTIM, attempt);
      tally.merge(v.status(), 1, Integer::sum);
      if (v.isVerified()) {
        verified++;
      }
      if (n < 4) {
        out.printf(
            Locale.ROOT,
            "   guess %d: %-18s attempts left %d%n",
            n + 1,
            v.status(),
            v.attemptsRemaining());
      }
    }
    out.printf(Locale.ROOT, "   all %d guesses: %s%n", GUESSES, tally);
    CodeVerification real = codes.verify(issued.sessionId(), "registration", VICTIM, realCode);
    out.printf(Locale.ROOT, "   then the real code: %s (the code is burned)%n", real.status());
    return verified == 0 && real.status() == CodeVerificationStatus.ATTEMPTS_EXHAUSTED;
  }

  private static boolean replay(PrintStream out) {
    AtomicLong millis = new AtomicLong(Instant.parse("2026-01-01T12:00:00Z").toEpochMilli());
    InstantSource clock = clock(millis);
    List<OtpEvent> events = new ArrayList<>();
    TotpVerifier verifier = TotpVerifier.builder().clock(clock).listener(events::add).build();
    byte[] key = "demo-key-demo-key-demo-key-demo!".getBytes(StandardCharsets.US_ASCII);
    TotpCredentials totp =
        TotpCredentials.builder().issuer("Bulwark Demo").protectionKey(key).verifier(verifier).build();

    PendingEnrollment enrollment = totp.begin("alice", "alice@example.com");
    Totp authenticator = Totp.of(enrollment.secret());
    out.println("2. TOTP replay through a phishing relay");
    out.printf(Locale.ROOT, "   enrolled: %s%n", totp.confirm("alice", enrollment.credentialId(), authenticator.generate(clock.instant())));

    millis.addAndGet(Duration.ofSeconds(30).toMillis());
    String code = authenticator.generate(clock.instant());
    OtpVerification login = totp.verify("alice", code);
    out.printf(Locale.ROOT, "   alice logs in:               %s (step %d, drift %d)%n", login.status(), login.matchedStep().orElse(-1), login.drift());

    millis.addAndGet(Duration.ofSeconds(5).toMillis());
    OtpVerification relayed = totp.verify("alice", code);
    out.printf(Locale.ROOT, "   relay replays it 5 s later:  %s%n", relayed.status());
    for (OtpEvent e : events) {
      if (e.type() == OtpEvent.Type.REPLAY_REJECTED) {
        out.printf(Locale.ROOT, "   event: %s credential=%s step=%d%n", e.type(), e.credentialId(), e.step());
      }
    }
    return login.isVerified() && relayed.status() == OtpVerificationStatus.REPLAYED;
  }

  private static InstantSource clock(AtomicLong millis) {
    return new InstantSource() {
      @Override
      public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
      }

      @Override
      public long millis() {
        return millis.get();
      }
    };
  }
}
