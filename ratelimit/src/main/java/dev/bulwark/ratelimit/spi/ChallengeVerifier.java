package dev.bulwark.ratelimit.spi;

import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.challenge.ChallengeKind;
import dev.bulwark.ratelimit.challenge.ChallengeOutcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Checks a client's answer to a challenge. Built in: {@code ProofOfWork}, {@code PushChallenge} and
 * {@code CaptchaVerifier}; hosts can add their own.
 *
 * <p>Contract: only {@link ChallengeOutcome#PASSED} lets a request through; a verifier returns a
 * typed outcome for every input (malformed, oversized, hostile) and never throws for bad input; a
 * token passes at most once; a verifier that cannot reach its provider returns {@link
 * ChallengeOutcome#PROVIDER_ERROR}, never a pass. Implementations are thread-safe.
 */
public interface ChallengeVerifier {

  /** The kind of challenge this verifier checks. */
  ChallengeKind kind();

  /**
   * Checks {@code answer} to the challenge in {@code token}, issued for {@code subject} and {@code
   * purpose}, and uses the token up if the check is definitive.
   */
  ChallengeOutcome verify(
      @Nullable String token, RateLimitKey subject, String purpose, @Nullable String answer);

  /** The asynchronous form of {@link #verify}; the default runs it in the calling thread. */
  default CompletionStage<ChallengeOutcome> verifyAsync(
      @Nullable String token, RateLimitKey subject, String purpose, @Nullable String answer) {
    return CompletableFuture.completedFuture(verify(token, subject, purpose, answer));
  }
}
