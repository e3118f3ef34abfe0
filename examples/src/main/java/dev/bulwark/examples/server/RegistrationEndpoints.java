package dev.bulwark.examples.server;

import static dev.bulwark.errors.Surface.REGISTRATION;

import dev.bulwark.errors.InternalReason;
import dev.bulwark.examples.server.Accounts.Account;
import dev.bulwark.examples.server.Accounts.Registration;
import dev.bulwark.keys.ClientPublicKey;
import dev.bulwark.keys.DeviceAddress;
import dev.bulwark.keys.KeyAlgorithm;
import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.challenge.ChallengeOutcome;
import dev.bulwark.ratelimit.challenge.ChallengeTokens;
import dev.bulwark.ratelimit.lockout.LockoutDecision;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Registration with a registration lock. {@code POST /v1/registration/lock} checks a number's PIN
 * behind the lockout guard and answers unknown numbers, wrong PINs and locks alike, at one
 * equalized time; a right PIN yields a single-use unlock token. {@code POST /v1/challenge} takes a
 * proof-of-work answer when the guard asks for one. {@code POST /v1/registration} registers a
 * number its SMS session verified, and a locked number only with an unlock token.
 */
final class RegistrationEndpoints {
  private static final String PIN_PURPOSE = "pin";
  private static final Duration UNLOCK_TTL = Duration.ofMinutes(5);

  record Register(
      String sessionId,
      String number,
      String identityKey,
      @Nullable String pin,
      @Nullable String unlockToken) {}

  record Unlock(String number, String pin) {}

  record ChallengeAnswer(String number, String token, String answer) {}

  private record UnlockGrant(String number, Instant until) {}

  private final Protections bulwark;
  private final Accounts accounts;
  private final VerificationEndpoints verification;
  private final DemoClock clock;
  private final SecureRandom random;
  private final Map<String, UnlockGrant> unlocks = new ConcurrentHashMap<>();

  RegistrationEndpoints(
      Protections bulwark,
      Accounts accounts,
      VerificationEndpoints verification,
      DemoClock clock,
      SecureRandom random) {
    this.bulwark = bulwark;
    this.accounts = accounts;
    this.verification = verification;
    this.clock = clock;
    this.random = random;
  }

  Reply register(Call call) {
    Register r = call.body(Register.class);
    String number = Accounts.e164(r.number());
    if (!verification.consume(r.sessionId(), number)) {
      throw bulwark.refuse(REGISTRATION, InternalReason.EXPIRED, "session not verified");
    }
    boolean locked = accounts.byNumber(number).map(a -> a.pin() != null).orElse(false);
    if (locked && !redeemUnlock(r.unlockToken(), number)) {
      throw bulwark.refuse(REGISTRATION, InternalReason.LOCKED, "registration lock");
    }
    byte[] identityKey = Base64.getDecoder().decode(r.identityKey());
    Registration registration = accounts.register(number, r.pin(), identityKey);
    Account account = registration.account();
    bulwark.keys.setIdentityKey(
        DeviceAddress.of(account.id(), 1), ClientPublicKey.of(KeyAlgorithm.ED25519, identityKey));
    long epoch = bulwark.sessions.startEpoch(account.id().toString(), 1);
    return Reply.ok(Map.of("account", account.id(), "token", registration.token(), "epoch", epoch));
  }

  Reply unlock(Call call) {
    Unlock u = call.body(Unlock.class);
    String number = Accounts.e164(u.number());
    RateLimitKey subject = RateLimitKey.phone(number);
    LockoutDecision decision = bulwark.lockouts.check(subject, call.source());
    switch (decision.outcome()) {
      case LOCKED:
        throw bulwark.tooMany(REGISTRATION, decision.retryAfter(), "pin lockout");
      case CHALLENGE:
        ChallengeTokens.IssuedToken challenge = bulwark.proofOfWork.issue(subject, PIN_PURPOSE);
        return Reply.json(
            428, Map.of("challenge", challenge.token(), "difficulty", challenge.parameter()));
      default:
        break;
    }
    Account account = accounts.byNumber(number).orElse(null);
    if (!accounts.pinMatches(account, u.pin().toCharArray())) {
      bulwark.lockouts.recordFailure(subject, call.source());
      InternalReason reason =
          account == null ? InternalReason.UNKNOWN_SUBJECT : InternalReason.WRONG_SECRET;
      throw bulwark.refuse(REGISTRATION, reason, "registration-lock pin");
    }
    bulwark.lockouts.recordSuccess(subject, call.source());
    return Reply.ok(Map.of("unlockToken", issueUnlock(number)));
  }

  Reply answerChallenge(Call call) {
    ChallengeAnswer a = call.body(ChallengeAnswer.class);
    RateLimitKey subject = RateLimitKey.phone(Accounts.e164(a.number()));
    ChallengeOutcome outcome =
        bulwark.proofOfWork.verify(a.token(), subject, PIN_PURPOSE, a.answer());
    if (outcome != ChallengeOutcome.PASSED) {
      throw bulwark.refuse(Protections.API, InternalReason.WRONG_SECRET, "challenge " + outcome);
    }
    LockoutDecision lift = bulwark.lockouts.challengePassed(subject, call.source());
    if (!lift.isAllowed()) {
      throw bulwark.tooMany(Protections.API, lift.retryAfter(), "no challenge lift left");
    }
    return Reply.ok(Map.of("passed", true));
  }

  private String issueUnlock(String number) {
    byte[] raw = new byte[24];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    unlocks.put(token, new UnlockGrant(number, clock.instant().plus(UNLOCK_TTL)));
    return token;
  }

  private boolean redeemUnlock(@Nullable String token, String number) {
    UnlockGrant grant = token == null ? null : unlocks.remove(token);
    return grant != null
        && grant.number().equals(number)
        && clock.instant().isBefore(grant.until());
  }
}
