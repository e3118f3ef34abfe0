package dev.bulwark.ratelimit.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ratelimit.RateLimit;
import dev.bulwark.ratelimit.RateLimitDecision;
import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.RateLimiter;
import dev.bulwark.ratelimit.RatePolicy;
import dev.bulwark.ratelimit.challenge.ChallengePolicy.Signals;
import dev.bulwark.ratelimit.challenge.ChallengePolicy.Verdict;
import dev.bulwark.ratelimit.lockout.LockoutDecision;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChallengePolicyTest {
  private final RateLimitDecision allowed = RateLimitDecision.allowed(1, 0);
  private final RateLimitDecision denied = RateLimitDecision.denied(0, 1, 1);
  private final ChallengePolicy policy = ChallengePolicy.defaults();

  @Test
  void theRulesApplyInOrder() {
    assertThat(policy.decide(Signals.none())).isEqualTo(Verdict.ALLOW);
    assertThat(policy.decide(Signals.none().withHardLimit(denied).withSoftLimit(denied)))
        .isEqualTo(Verdict.DENY);
    assertThat(policy.decide(Signals.none().withHardLimit(allowed).withSoftLimit(denied)))
        .isEqualTo(Verdict.CHALLENGE);
    LockoutDecision locked =
        new LockoutDecision(LockoutDecision.Outcome.LOCKED, Duration.ofMinutes(1), false);
    LockoutDecision challenge =
        new LockoutDecision(LockoutDecision.Outcome.CHALLENGE, Duration.ZERO, false);
    assertThat(policy.decide(Signals.none().withLockout(locked))).isEqualTo(Verdict.DENY);
    assertThat(policy.decide(Signals.none().withLockout(challenge))).isEqualTo(Verdict.CHALLENGE);
    assertThat(policy.decide(Signals.none().withAnomalous(true))).isEqualTo(Verdict.CHALLENGE);
    assertThat(policy.decide(Signals.none().withNewSource(true))).isEqualTo(Verdict.ALLOW);
    ChallengePolicy strict =
        ChallengePolicy.builder().onAnomaly(Verdict.DENY).onNewSource(Verdict.CHALLENGE).build();
    assertThat(strict.decide(Signals.none().withAnomalous(true))).isEqualTo(Verdict.DENY);
    assertThat(strict.decide(Signals.none().withNewSource(true))).isEqualTo(Verdict.CHALLENGE);
  }

  @Test
  void liftsResetALimitButAreThemselvesLimited() {
    RateLimiter limiter =
        RateLimiter.inMemory(RatePolicy.of("p", RateLimit.of(1, Duration.ofHours(1))));
    RateLimitKey key = RateLimitKey.ip("192.0.2.1");
    ChallengeLifts lifts = ChallengeLifts.defaults();
    int admitted = 0;
    for (int i = 0; i < 10; i++) {
      if (!limiter.tryAcquire(key) && lifts.lift(limiter, key) && limiter.tryAcquire(key)) {
        admitted++;
      }
    }
    assertThat(admitted).isEqualTo(2);
  }
}
