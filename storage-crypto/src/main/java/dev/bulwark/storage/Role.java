package dev.bulwark.storage;

/** The role a caller acts in, as carried by its {@link AccessContext}. */
public enum Role {
  /** The owner of a queue: may fetch, acknowledge, count and purge its own records only. */
  RECIPIENT,
  /** A sender: may put records for any recipient and never read any. */
  SENDER,
  /**
   * An operator: may purge, count, shred, sweep and rewrap, and never see a payload. Operators are
   * the only role that sees counts of another principal's queue.
   */
  OPERATOR
}
