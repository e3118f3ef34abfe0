package dev.bulwark.ratelimit.challenge;

/**
 * The result of checking a challenge token or answer. Only {@link #PASSED} lets a request through;
 * every other outcome, including a provider failure, is a refusal.
 */
public enum ChallengeOutcome {
  /** Token valid, answer right, and the token is now used up. */
  PASSED,
  /** The token or the answer is not well-formed; nothing was used up. */
  MALFORMED,
  /** The token's signature does not match (tampered, or another subject, purpose or kind). */
  INVALID,
  /** The token has expired. */
  EXPIRED,
  /** The token was already used. */
  ALREADY_USED,
  /** The token is valid but the answer is wrong. */
  FAILED,
  /** The verifier could not get an answer from its provider (timeout, error): never a pass. */
  PROVIDER_ERROR;

  /** Whether the request may go ahead. */
  public boolean passed() {
    return this == PASSED;
  }
}
