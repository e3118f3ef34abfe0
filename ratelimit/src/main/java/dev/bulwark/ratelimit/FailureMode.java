package dev.bulwark.ratelimit;

/**
 * What a limiter decides when its store cannot answer (a remote store down or too slow).
 *
 * <p>The in-memory store never fails, so this only matters for remote stores. Whatever the mode,
 * the decision is flagged {@linkplain RateLimitDecision#isDegraded() degraded} so hosts can count
 * and alert on it.
 */
public enum FailureMode {
  /** Admit the request: availability over protection. Suits limits that only shape load. */
  FAIL_OPEN,
  /**
   * Deny the request with a short retry-after: protection over availability. The default, and the
   * right choice for limits that stop guessing (PINs, codes, passwords).
   */
  FAIL_CLOSED,
  /**
   * Decide with a limiter local to this process, so each instance enforces the policy's {@linkplain
   * RatePolicy#localFallbackShare() share} of every limit (all of it by default) on the traffic it
   * sees until the store is back; see {@link RatePolicy#localFallbackPolicy()}. State taken in the
   * store is not carried over in either direction.
   */
  LOCAL_FALLBACK
}
