package dev.bulwark.messageid;

/**
 * How a {@link MessageGuard} recognizes a replayed message. Fixed per guard, so that a client
 * cannot switch a message from one kind of bookkeeping to the other by leaving a field out.
 */
public enum DedupMode {
  /**
   * Messages carry a per-scope sequence number, checked in an RFC 6479 window ({@link
   * SequenceWindow}). Memory per scope is the window's bitmap, whatever the message rate.
   */
  SEQUENCE,
  /**
   * Messages carry a random client ID, remembered in a seen-set until the message's timestamp
   * leaves the acceptance window. Memory is bounded by rate x (maxPast + maxFuture).
   */
  RANDOM_ID
}
