package dev.bulwark.ratelimit.spi;

/** The state transitions a {@link RateLimitStore} performs, each one atomically. */
public enum StoreOperation {
  /**
   * Take the permits from every limit if every limit has them, else take nothing and report when
   * the request would be admitted.
   */
  ACQUIRE,
  /** Report what {@link #ACQUIRE} would decide, changing nothing. */
  CHECK,
  /**
   * Give the permits back to every limit, never beyond its capacity (a refund cannot make a key
   * fuller than full).
   */
  REFUND,
  /** Forget the key: it is full again for every limit. */
  RESET
}
