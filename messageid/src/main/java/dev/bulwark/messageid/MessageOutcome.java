package dev.bulwark.messageid;

/**
 * The one outcome of {@link MessageGuard}: accepted, or the first check that refused the message.
 * Internal detail for logs and metrics; what a client is told is for the host (or {@code
 * bulwark-errors}) to decide.
 */
public enum MessageOutcome {
  /** Every check passed; the message was recorded and stamped. */
  ACCEPTED,
  /** The client's message ID failed {@link ClientIdValidator}; see {@link IdRejection}. */
  MALFORMED_ID,
  /** The (account, device) has no session: never registered, or removed. */
  UNKNOWN_DEVICE,
  /** The message carries an epoch older than the device's current one. */
  STALE_EPOCH,
  /** The message carries an epoch newer than the device's current one: never issued. */
  UNKNOWN_EPOCH,
  /** The client timestamp is older than {@code now - maxPast}. */
  TOO_OLD,
  /** The client timestamp is later than {@code now + maxFuture}. */
  FROM_FUTURE,
  /** A negative or missing sequence number where the policy requires one. */
  INVALID_SEQUENCE,
  /** Already accepted in this scope: the same sequence number, or the same random ID. */
  DUPLICATE,
  /** The sequence number is behind the replay window. */
  SEQUENCE_TOO_OLD,
  /** The sequence number jumps further ahead than the policy allows. */
  SEQUENCE_TOO_FAR_AHEAD,
  /** The timestamp is older than the newest accepted in the scope minus the reorder tolerance. */
  OUT_OF_ORDER,
  /** The replay store is at its bound and refuses new state rather than forget old state. */
  STORE_FULL;

  /** Whether this is {@link #ACCEPTED}. */
  public boolean isAccepted() {
    return this == ACCEPTED;
  }

  /** Maps a window outcome; {@link SequenceOutcome#ACCEPT} becomes {@link #ACCEPTED}. */
  public static MessageOutcome of(SequenceOutcome outcome) {
    switch (outcome) {
      case ACCEPT:
        return ACCEPTED;
      case DUPLICATE:
        return DUPLICATE;
      case TOO_OLD:
        return SEQUENCE_TOO_OLD;
      case TOO_FAR_AHEAD:
        return SEQUENCE_TOO_FAR_AHEAD;
      case INVALID:
        return INVALID_SEQUENCE;
      default:
        throw new AssertionError(outcome);
    }
  }
}
