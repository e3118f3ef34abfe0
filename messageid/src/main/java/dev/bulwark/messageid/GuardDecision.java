package dev.bulwark.messageid;

import static dev.bulwark.messageid.internal.Checks.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The answer of a {@link MessageGuard}: one {@link MessageOutcome}, the parsed message ID if the ID
 * was valid, the {@link IdRejection} if it was not, and the server timestamp if the message was
 * accepted. Instances are immutable.
 */
public final class GuardDecision {
  private static final long NO_STAMP = Long.MIN_VALUE;

  private final MessageOutcome outcome;
  private final @Nullable MessageId id;
  private final @Nullable IdRejection idRejection;
  private final long serverMicros;

  private GuardDecision(
      MessageOutcome outcome,
      @Nullable MessageId id,
      @Nullable IdRejection idRejection,
      long serverMicros) {
    this.outcome = outcome;
    this.id = id;
    this.idRejection = idRejection;
    this.serverMicros = serverMicros;
  }

  static GuardDecision malformed(IdRejection rejection) {
    return new GuardDecision(MessageOutcome.MALFORMED_ID, null, rejection, NO_STAMP);
  }

  static GuardDecision of(MessageOutcome outcome, MessageId id) {
    return new GuardDecision(requireNonNull(outcome, "outcome"), id, null, NO_STAMP);
  }

  static GuardDecision accepted(MessageId id, long serverMicros) {
    return new GuardDecision(MessageOutcome.ACCEPTED, id, null, serverMicros);
  }

  /** The outcome. */
  public MessageOutcome outcome() {
    return outcome;
  }

  /** Whether the message was accepted (for a precheck: would be, as things stand). */
  public boolean isAccepted() {
    return outcome == MessageOutcome.ACCEPTED;
  }

  /** The parsed message ID, or null if it was malformed. */
  public @Nullable MessageId id() {
    return id;
  }

  /** Why the ID was malformed, or null if it was not. */
  public @Nullable IdRejection idRejection() {
    return idRejection;
  }

  /** Whether a server timestamp was assigned: only for an accepted {@code admit}. */
  public boolean hasServerTimestamp() {
    return serverMicros != NO_STAMP;
  }

  /**
   * The server timestamp in Unix microseconds.
   *
   * @throws IllegalStateException if none was assigned
   */
  public long serverTimestampMicros() {
    if (serverMicros == NO_STAMP) {
      throw new IllegalStateException("no server timestamp: " + outcome);
    }
    return serverMicros;
  }

  /**
   * The server timestamp as an {@link Instant}.
   *
   * @throws IllegalStateException if none was assigned
   */
  public Instant serverTimestamp() {
    return ServerClock.ofMicros(serverTimestampMicros());
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("GuardDecision[").append(outcome);
    if (idRejection != null) {
      s.append(", ").append(idRejection);
    }
    if (serverMicros != NO_STAMP) {
      s.append(", serverTimestamp=").append(serverTimestamp());
    }
    return s.append(']').toString();
  }
}
