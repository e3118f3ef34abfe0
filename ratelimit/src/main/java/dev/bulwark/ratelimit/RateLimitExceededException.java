package dev.bulwark.ratelimit;

/**
 * Thrown by {@link RateLimiter#acquireOrThrow} when a request is denied.
 *
 * <p>It is cheap to throw (no stack trace is captured: a flood of denials must not cost a stack
 * walk each) and safe to log: its message names the policy and the retry-after, never the key.
 */
public final class RateLimitExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String policyName;
  private final transient RateLimitDecision decision;

  /** Creates the exception for a denial by the policy called {@code policyName}. */
  public RateLimitExceededException(String policyName, RateLimitDecision decision) {
    super(
        "rate limit '"
            + policyName
            + "' exceeded; retry after "
            + decision.retryAfterSeconds()
            + "s",
        null,
        false,
        false);
    this.policyName = policyName;
    this.decision = decision;
  }

  /** The name of the policy that denied the request. */
  public String policyName() {
    return policyName;
  }

  /** The denial, with its exact retry-after. */
  public RateLimitDecision decision() {
    return decision;
  }

  /** The exact time after which the same request would be admitted. */
  public java.time.Duration retryAfter() {
    return decision.retryAfter();
  }
}
