package dev.bulwark.messageid;

/** What the timestamp rules say about a client's timestamp. */
public enum TimestampOutcome {
  /** Inside the acceptance window (and, where checked, not out of order). */
  ACCEPT,
  /** Older than {@code now - maxPast}. */
  TOO_OLD,
  /** Later than {@code now + maxFuture}. */
  FROM_FUTURE,
  /** Older than the newest timestamp accepted in the scope minus the reorder tolerance. */
  OUT_OF_ORDER
}
