package dev.bulwark.examples.server;

import static dev.bulwark.errors.Surface.VERIFICATION;

import dev.bulwark.errors.InternalReason;
import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.verification.CodeVerification;
import dev.bulwark.verification.IssuedCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /v1/verification/sessions} sends a 6-digit code by SMS; {@code POST
 * /v1/verification/sessions/{session}/code} checks it. Sessions are limited per phone number, code
 * submissions per session, and a code burns after 3 wrong guesses.
 */
final class VerificationEndpoints {
  private static final String PURPOSE = "registration";
  private static final Duration VERIFIED_FOR = Duration.ofMinutes(10);

  record StartSession(String number) {}

  record SubmitCode(String number, String code) {}

  private record Verified(String number, Instant until) {}

  private final Protections bulwark;
  private final SmsGateway sms;
  private final DemoClock clock;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();

  VerificationEndpoints(Protections bulwark, SmsGateway sms, DemoClock clock) {
    this.bulwark = bulwark;
    this.sms = sms;
    this.clock = clock;
  }

  Reply start(Call call) {
    String number = Accounts.e164(call.body(StartSession.class).number());
    bulwark.limit("registration", RateLimitKey.phone(number), VERIFICATION);
    IssuedCode issued = bulwark.codes.issue(PURPOSE, number);
    sms.send(number, issued.code().reveal());
    return Reply.ok(Map.of("sessionId", issued.sessionId()));
  }

  Reply submit(Call call) {
    String session = call.param("session");
    SubmitCode submitted = call.body(SubmitCode.class);
    String number = Accounts.e164(submitted.number());
    bulwark.limit("verification-code", RateLimitKey.of("session", session), VERIFICATION);
    CodeVerification v = bulwark.codes.verify(session, PURPOSE, number, submitted.code());
    if (!v.isVerified()) {
      throw bulwark.refuse(VERIFICATION, InternalReason.WRONG_SECRET, "code " + v.status());
    }
    verified.put(session, new Verified(number, clock.instant().plus(VERIFIED_FOR)));
    return Reply.ok(Map.of("verified", true));
  }

  /** Whether {@code session} verified {@code number} recently; a session registers once. */
  boolean consume(String session, String number) {
    Verified v = verified.remove(session);
    return v != null && v.number().equals(number) && clock.instant().isBefore(v.until());
  }
}
