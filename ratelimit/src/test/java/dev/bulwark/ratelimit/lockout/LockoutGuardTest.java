package dev.bulwark.ratelimit.lockout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.lockout.LockoutDecision.Outcome;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LockoutGuardTest {
  private final AtomicLong now = new AtomicLong(7_000_000_000L);
  private final RateLimitKey victim = RateLimitKey.phone("+15550100123");
  private final RateLimitKey victimsPhone = RateLimitKey.ip("203.0.113.10");

  private LockoutGuard guard(LockoutGuard.Escalation escalation) {
    return LockoutGuard.builder().ticker(now::get).escalation(escalation).build();
  }

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  private static RateLimitKey source(int i) {
    return RateLimitKey.ip(String.format(Locale.ROOT, "198.18.%d.%d", i / 256, i % 256));
  }

  @Test
  void aSourceGetsItsFreeFailuresThenEscalatingLocks() {
    LockoutGuard guard = guard(LockoutGuard.Escalation.CHALLENGE);
    RateLimitKey attacker = source(1);
    for (int i = 0; i < 3; i++) {
      assertThat(guard.check(victim, attacker).isAllowed()).isTrue();
      assertThat(guard.recordFailure(victim, attacker).isAllowed()).isTrue();
    }
    LockoutDecision first = guard.recordFailure(victim, attacker);
    assertThat(first.outcome()).isEqualTo(Outcome.LOCKED);
    assertThat(first.retryAfter()).isEqualTo(Duration.ofMinutes(1));
    assertThat(guard.check(victim, attacker).outcome()).isEqualTo(Outcome.LOCKED);
    advance(Duration.ofMinutes(1));
    assertThat(guard.check(victim, attacker).isAllowed()).isTrue();
    assertThat(guard.recordFailure(victim, attacker).retryAfter()).isEqualTo(Duration.ofMinutes(2));
    advance(Duration.ofMinutes(2));
    assertThat(guard.recordFailure(victim, attacker).retryAfter()).isEqualTo(Duration.ofMinutes(4));
    // The victim's own source is untouched by the attacker's failures.
    assertThat(guard.check(victim, victimsPhone).isAllowed()).isTrue();
  }

  @Test
  void aSuccessClearsTheSourceAndTheSubject() {
    LockoutGuard guard = guard(LockoutGuard.Escalation.CHALLENGE);
    for (int i = 0; i < 3; i++) {
      guard.recordFailure(victim, victimsPhone);
    }
    guard.recordSuccess(victim, victimsPhone);
    for (int i = 0; i < 3; i++) {
      assertThat(guard.recordFailure(victim, victimsPhone).isAllowed()).isTrue();
    }
  }

  @Test
  void failuresAreForgottenAfterAQuietDay() {
    LockoutGuard guard = guard(LockoutGuard.Escalation.CHALLENGE);
    for (int i = 0; i < 3; i++) {
      guard.recordFailure(victim, victimsPhone);
    }
    advance(Duration.ofDays(1));
    for (int i = 0; i < 3; i++) {
      assertThat(guard.recordFailure(victim, victimsPhone).isAllowed()).isTrue();
    }
    assertThat(guard.recordFailure(victim, victimsPhone).outcome()).isEqualTo(Outcome.LOCKED);
  }

  @Test
  void aPermanentLockHoldsUntilASuccessIsRecorded() {
    LockoutPolicy strict =
        LockoutPolicy.builder().freeFailures(0).permanentAfterLockouts(2).build();
    LockoutGuard guard = LockoutGuard.builder().ticker(now::get).perSource(strict).build();
    guard.recordFailure(victim, victimsPhone);
    advance(Duration.ofMinutes(1));
    LockoutDecision d = guard.recordFailure(victim, victimsPhone);
    assertThat(d.permanent()).isTrue();
    advance(Duration.ofDays(300));
    assertThat(guard.check(victim, victimsPhone).outcome()).isEqualTo(Outcome.LOCKED);
    guard.recordSuccess(victim, victimsPhone);
    assertThat(guard.check(victim, victimsPhone).isAllowed()).isTrue();
  }

  /**
   * The numbers behind the registration-lock guarantee, printed for the README: an attacker
   * rotating 1,000 addresses against one phone number for an hour, first unable and then able to
   * pass every challenge, and the real user arriving afterwards from a fresh address.
   */
  @Test
  void anAttackerRotatingAThousandAddressesCannotLockOutTheRealUser() {
    for (boolean solvesChallenges : new boolean[] {false, true}) {
      now.set(7_000_000_000L);
      LockoutGuard guard = guard(LockoutGuard.Escalation.CHALLENGE);
      long guesses = 0;
      long attempts = 0;
      for (long t = 0; t < Duration.ofHours(1).toMillis(); t += 100) {
        RateLimitKey from = source((int) (attempts++ % 1_000));
        LockoutDecision d = guard.check(victim, from);
        if (d.outcome() == Outcome.CHALLENGE && solvesChallenges) {
          d = guard.challengePassed(victim, from);
        }
        if (d.isAllowed()) {
          guesses++;
          guard.recordFailure(victim, from);
        }
        advance(Duration.ofMillis(100));
      }
      // The real user's usual address was never locked: at worst it is asked for a challenge.
      assertThat(guard.check(victim, victimsPhone).outcome()).isNotEqualTo(Outcome.LOCKED);
      // The real user, from a fresh address, passes a challenge and is served.
      RateLimitKey fresh = RateLimitKey.ip("2001:db8:77::1");
      assertThat(guard.check(victim, fresh).outcome()).isEqualTo(Outcome.CHALLENGE);
      long waitedNanos = 0;
      LockoutDecision lift = guard.challengePassed(victim, fresh);
      if (!lift.isAllowed()) {
        waitedNanos = lift.retryAfter().toNanos();
        advance(lift.retryAfter());
        lift = guard.challengePassed(victim, fresh);
      }
      assertThat(lift.isAllowed()).isTrue();
      assertThat(guard.check(victim, fresh).isAllowed()).isTrue();
      guard.recordSuccess(victim, fresh);

      System.out.printf(
          Locale.ROOT,
          "lockout defaults, attacker %s challenges: %d attempts from 1,000 addresses in 1 hour,"
              + " %d guesses verified; real user from a fresh address served after a challenge"
              + " and %d min of waiting%n",
          solvesChallenges ? "passing all" : "passing no",
          attempts,
          guesses,
          Duration.ofNanos(waitedNanos).toMinutes());
      if (solvesChallenges) {
        assertThat(guesses).isEqualTo(11 + 2); // free failures + 1, then two lifts
        assertThat(Duration.ofNanos(waitedNanos)).isLessThanOrEqualTo(Duration.ofHours(6));
      } else {
        assertThat(guesses).isEqualTo(11);
        assertThat(waitedNanos).isZero();
      }
    }
  }

  @Test
  void lockEscalationCapsTheAttackerButLocksTheRealUserOutToo() {
    LockoutGuard guard = guard(LockoutGuard.Escalation.LOCK);
    for (int i = 0; i < 11; i++) {
      guard.recordFailure(victim, source(i));
    }
    assertThat(guard.check(victim, victimsPhone).outcome()).isEqualTo(Outcome.LOCKED);
  }

  @Test
  void policiesRejectNonsense() {
    assertThatThrownBy(() -> LockoutPolicy.builder().freeFailures(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("freeFailures must be between 0 and 1000, got -1");
    assertThatThrownBy(() -> LockoutPolicy.builder().baseLock(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseLock must be between 1 second and 365 days");
    assertThatThrownBy(() -> LockoutPolicy.builder().decay(Duration.ofDays(400)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> LockoutPolicy.builder().baseLock(Duration.ofHours(2)).maxLock(Duration.ofHours(1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not exceed maxLock");
    assertThatThrownBy(() -> LockoutGuard.builder().passesPerChallenge(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
