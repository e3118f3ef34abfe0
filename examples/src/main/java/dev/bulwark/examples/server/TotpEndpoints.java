package dev.bulwark.examples.server;

import static dev.bulwark.examples.server.Protections.API;

import dev.bulwark.errors.InternalReason;
import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.verification.EnrollmentStatus;
import dev.bulwark.verification.OtpVerification;
import dev.bulwark.verification.PendingEnrollment;
import java.util.Map;

/**
 * Second factor. {@code POST /v1/totp/enroll} begins an enrollment (secret and {@code otpauth://}
 * URI), {@code POST /v1/totp/confirm} activates it with a first code, {@code POST /v1/totp/check}
 * checks a code: limited per account, and each code is accepted once.
 */
final class TotpEndpoints {
  record Confirm(String credentialId, String code) {}

  record Check(String code) {}

  private final Protections bulwark;

  TotpEndpoints(Protections bulwark) {
    this.bulwark = bulwark;
  }

  Reply enroll(Call call) {
    PendingEnrollment pending = bulwark.totp.begin(call.account().toString(), "demo account");
    return Reply.ok(
        Map.of(
            "credentialId", pending.credentialId(),
            "secret", pending.secret().toBase32(),
            "uri", pending.keyUri()));
  }

  Reply confirm(Call call) {
    Confirm c = call.body(Confirm.class);
    EnrollmentStatus status =
        bulwark.totp.confirm(call.account().toString(), c.credentialId(), c.code());
    if (status != EnrollmentStatus.ACTIVATED) {
      throw bulwark.refuse(API, InternalReason.WRONG_SECRET, "enrollment " + status);
    }
    return Reply.ok(Map.of("activated", true));
  }

  Reply check(Call call) {
    bulwark.limit("totp", RateLimitKey.account(call.account()), API);
    OtpVerification v =
        bulwark.totp.verify(call.account().toString(), call.body(Check.class).code());
    if (!v.isVerified()) {
      throw bulwark.refuse(API, InternalReason.WRONG_SECRET, "totp " + v.status());
    }
    return Reply.ok(Map.of("verified", true));
  }
}
