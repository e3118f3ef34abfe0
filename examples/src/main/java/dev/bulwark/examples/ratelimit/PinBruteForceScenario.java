package dev.bulwark.examples.ratelimit;

import dev.bulwark.examples.Scenario;
import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.challenge.ChallengeKind;
import dev.bulwark.ratelimit.challenge.ChallengeOutcome;
import dev.bulwark.ratelimit.challenge.ChallengeTokens;
import dev.bulwark.ratelimit.challenge.ProofOfWork;
import dev.bulwark.ratelimit.lockout.LockoutDecision;
import dev.bulwark.ratelimit.lockout.LockoutDecision.Outcome;
import dev.bulwark.ratelimit.lockout.LockoutGuard;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A registration-lock PIN brute force against one phone number from 1,000 rotating addresses for
 * one simulated hour, under {@link LockoutGuard}'s defaults: the attacker's addresses lock, the
 * subject escalates to a proof-of-work challenge, the attacker solves every challenge he gets, and
 * the real user, arriving from a fresh address, is still served.
 */
public final class PinBruteForceScenario implements Scenario {
  private static final String PIN = "4711";

  @Override
  public String title() {
    return "Registration-lock PIN brute force from 1,000 rotating addresses";
  }

  @Override
  public boolean run(PrintStream out) {
    AtomicLong nanos = new AtomicLong();
    InstantSource wall = () -> Instant.EPOCH.plusNanos(nanos.get());
    LockoutGuard guard = LockoutGuard.builder().ticker(nanos::get).build();
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    ChallengeTokens tokens = ChallengeTokens.builder(secret).clock(wall).build();
    ProofOfWork pow = ProofOfWork.builder(tokens).baseDifficulty(10).maxDifficulty(10).build();
    RateLimitKey victim = RateLimitKey.phone("+15550100123");

    int locked = 0;
    int liftRefused = 0;
    int guesses = 0;
    int challengesSolved = 0;
    int attempts = 0;
    for (long t = 0; t < Duration.ofHours(1).toMillis(); t += 1000, attempts++) {
      nanos.set(Duration.ofMillis(t).toNanos());
      // Five tries per address, then the next of 1,000 addresses.
      int address = (attempts / 5) % 1000;
      RateLimitKey from =
          RateLimitKey.ip(String.format(Locale.ROOT, "198.18.%d.%d", address / 256, address % 256));
      LockoutDecision d = guard.check(victim, from);
      if (d.outcome() == Outcome.LOCKED) {
        locked++;
        continue;
      }
      if (d.outcome() == Outcome.CHALLENGE) {
        ChallengeTokens.IssuedToken issued = pow.issue(victim, "pin");
        String answer = ProofOfWork.solve(issued.token(), issued.parameter());
        if (pow.verify(issued.token(), victim, "pin", answer) == ChallengeOutcome.PASSED) {
          challengesSolved++;
          d = guard.challengePassed(victim, from);
          if (!d.isAllowed()) {
            liftRefused++;
          }
        }
      }
      if (d.isAllowed()) {
        guesses++;
        String guess = String.format(Locale.ROOT, "%04d", attempts);
        if (guess.equals(PIN)) {
          return false; // never reached: the attacker gets far fewer guesses than that
        }
        guard.recordFailure(victim, from);
      }
    }
    out.printf(
        Locale.ROOT, "attacker: %,d attempts in 1 simulated hour from 1,000 addresses%n", attempts);
    row(out, "refused: that address is locked", locked);
    row(out, "challenges solved (proof-of-work)", challengesSolved);
    row(out, "refused: solved, but no lift left (2 per 12 h)", liftRefused);
    row(out, "PIN guesses actually verified", guesses);

    RateLimitKey realUser = RateLimitKey.ip("2001:db8:42::7");
    LockoutDecision first = guard.check(victim, realUser);
    long waitedMinutes = 0;
    LockoutDecision lift = guard.challengePassed(victim, realUser);
    if (!lift.isAllowed()) {
      waitedMinutes = lift.retryAfter().toMinutes() + 1;
      nanos.addAndGet(lift.retryAfter().toNanos());
      lift = guard.challengePassed(victim, realUser);
    }
    boolean served = lift.isAllowed() && guard.check(victim, realUser).isAllowed();
    if (served) {
      guard.recordSuccess(victim, realUser);
    }
    out.printf(
        Locale.ROOT,
        "real user from a fresh address: first told %s, solves the challenge, waits %d min, served:"
            + " %s%n",
        first.outcome(),
        waitedMinutes,
        served ? "yes" : "NO");
    return served
        && guesses <= 13
        && tokens.redeem("junk", ChallengeKind.PROOF_OF_WORK, victim, "pin")
            != ChallengeOutcome.PASSED;
  }

  private static void row(PrintStream out, String what, int count) {
    out.printf(Locale.ROOT, "  %-48s %,6d%n", what, count);
  }
}
