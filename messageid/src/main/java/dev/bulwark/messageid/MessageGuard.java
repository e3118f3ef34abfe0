package dev.bulwark.messageid;

import static dev.bulwark.messageid.internal.Checks.requireArgument;
import static dev.bulwark.messageid.internal.Checks.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.messageid.spi.ReplayStore;
import dev.bulwark.messageid.spi.ReplayStoreException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Message ID and timestamp discipline in one call: {@link #admit} validates a client message and
 * either records it and stamps it, or names the first check it failed.
 *
 * <p><b>Checks, in order.</b>
 *
 * <ol>
 *   <li>The client ID, by the {@link ClientIdValidator}: {@link MessageOutcome#MALFORMED_ID}.
 *   <li>The epoch, against the {@link SessionRegistry}: {@link MessageOutcome#UNKNOWN_DEVICE},
 *       {@link MessageOutcome#STALE_EPOCH}, {@link MessageOutcome#UNKNOWN_EPOCH}.
 *   <li>The client timestamp, against {@code [now - maxPast, now + maxFuture]} with {@code now}
 *       from the {@link ServerClock}: {@link MessageOutcome#TOO_OLD}, {@link
 *       MessageOutcome#FROM_FUTURE}.
 *   <li>Dedup and replay in the message's {@link ReplayScope}, by sequence number or by random ID
 *       as the policy's {@link DedupMode} says: {@link MessageOutcome#INVALID_SEQUENCE}, {@link
 *       MessageOutcome#DUPLICATE}, {@link MessageOutcome#SEQUENCE_TOO_OLD}, {@link
 *       MessageOutcome#SEQUENCE_TOO_FAR_AHEAD}.
 *   <li>Ordering, against the newest timestamp accepted in the scope: {@link
 *       MessageOutcome#OUT_OF_ORDER}.
 *   <li>If all pass, a server timestamp from the {@link ServerClock}.
 * </ol>
 *
 * Steps 4 and 5 are one atomic {@link ReplayStore} transition per scope, so of any number of
 * concurrent deliveries of one message exactly one is accepted, and a rejected message changes no
 * state. Steps 1 to 3 read no store state.
 *
 * <p><b>Before and after authentication.</b> {@link #precheck} runs the same checks without
 * recording anything: call it before verifying a message's signature to drop replays cheaply, then
 * {@link #admit} once the message is authenticated, so a forged message can never mark an ID as
 * seen or slide a window. {@code admit} repeats every check, so skipping {@code precheck} is safe.
 *
 * <p>The timestamp must be covered by the message's authentication: the bounded dedup relies on it
 * (see {@link ReplayPolicy}). A store failure propagates as {@link ReplayStoreException}: the
 * message must then be refused. This class is thread-safe.
 */
public final class MessageGuard {
  private final ReplayPolicy policy;
  private final ReplayStore store;
  private final SessionRegistry sessions;
  private final ServerClock serverClock;
  private final ClientIdValidator idValidator;

  private MessageGuard(Builder b) {
    this.policy = b.policy;
    this.store = requireNonNull(b.store, "store");
    this.sessions = requireNonNull(b.sessions, "sessions");
    this.serverClock = b.serverClock;
    this.idValidator = b.idValidator;
  }

  /** Returns a builder; {@link Builder#store} and {@link Builder#sessions} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Validates {@code message} and, if every check passes, records it atomically in its scope and
   * assigns it a server timestamp. Call it after the message is authenticated.
   *
   * @throws ReplayStoreException if the store cannot answer
   */
  public GuardDecision admit(InboundMessage message) {
    Prepared prepared = prepare(message);
    if (prepared.early != null) {
      return prepared.early;
    }
    Passed p = (Passed) prepared;
    return stamp(p, record(p));
  }

  /** The asynchronous form of {@link #admit}, for stores that do I/O. */
  public CompletionStage<GuardDecision> admitAsync(InboundMessage message) {
    Prepared prepared;
    try {
      prepared = prepare(message);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (prepared.early != null) {
      return CompletableFuture.completedFuture(prepared.early);
    }
    Passed p = (Passed) prepared;
    CompletionStage<MessageOutcome> outcome =
        policy.dedupMode() == DedupMode.SEQUENCE
            ? store.commitSequenceAsync(p.scope, p.sequence, p.clientMillis, policy)
            : store.commitIdAsync(p.scope, p.id, p.clientMillis, policy);
    return outcome.thenApply(o -> stamp(p, o));
  }

  /**
   * Answers what {@link #admit} would answer now, without recording anything or issuing a
   * timestamp: for dropping replays before spending effort on authentication.
   *
   * @throws ReplayStoreException if the store cannot answer
   */
  public GuardDecision precheck(InboundMessage message) {
    Prepared prepared = prepare(message);
    if (prepared.early != null) {
      return prepared.early;
    }
    Passed p = (Passed) prepared;
    MessageOutcome outcome =
        policy.dedupMode() == DedupMode.SEQUENCE
            ? store.checkSequence(p.scope, p.sequence, p.clientMillis, policy)
            : store.checkId(p.scope, p.id, p.clientMillis, policy);
    return GuardDecision.of(outcome, p.id);
  }

  /** The policy this guard applies. */
  public ReplayPolicy policy() {
    return policy;
  }

  private MessageOutcome record(Passed p) {
    return policy.dedupMode() == DedupMode.SEQUENCE
        ? store.commitSequence(p.scope, p.sequence, p.clientMillis, policy)
        : store.commitId(p.scope, p.id, p.clientMillis, policy);
  }

  private GuardDecision stamp(Passed p, MessageOutcome outcome) {
    return outcome == MessageOutcome.ACCEPTED
        ? GuardDecision.accepted(p.id, serverClock.nextMicros())
        : GuardDecision.of(outcome, p.id);
  }

  /** Steps 1 to 3 and the sequence's sign; no store access. */
  private Prepared prepare(InboundMessage message) {
    requireNonNull(message, "message");
    ClientIdResult parsed = idValidator.validate(message.clientId());
    IdRejection rejection = parsed.rejection();
    if (rejection != null) {
      return Prepared.early(GuardDecision.malformed(rejection));
    }
    MessageId id = parsed.id();
    long current = sessions.currentEpoch(message.account(), message.device());
    if (current == 0) {
      return Prepared.early(GuardDecision.of(MessageOutcome.UNKNOWN_DEVICE, id));
    }
    if (message.epoch() != current) {
      MessageOutcome o =
          message.epoch() < current ? MessageOutcome.STALE_EPOCH : MessageOutcome.UNKNOWN_EPOCH;
      return Prepared.early(GuardDecision.of(o, id));
    }
    TimestampOutcome ts =
        policy.checkTimestamp(message.clientMillis(), serverClock.currentMillis());
    if (ts != TimestampOutcome.ACCEPT) {
      MessageOutcome o =
          ts == TimestampOutcome.TOO_OLD ? MessageOutcome.TOO_OLD : MessageOutcome.FROM_FUTURE;
      return Prepared.early(GuardDecision.of(o, id));
    }
    if (policy.dedupMode() == DedupMode.SEQUENCE && message.sequence() < 0) {
      return Prepared.early(GuardDecision.of(MessageOutcome.INVALID_SEQUENCE, id));
    }
    ReplayScope scope = new ReplayScope(message.account(), message.device(), current);
    return new Passed(scope, id, message.sequence(), message.clientMillis());
  }

  @Override
  public String toString() {
    return "MessageGuard[" + policy + "]";
  }

  /**
   * The outcome of the stateless checks: either the decision that ended them early, or a message
   * that passed them, ready for the store.
   */
  private static class Prepared {
    final @Nullable GuardDecision early;

    Prepared(@Nullable GuardDecision early) {
      this.early = early;
    }

    static Prepared early(GuardDecision decision) {
      return new Prepared(decision);
    }
  }

  /** A message that passed the stateless checks. */
  private static final class Passed extends Prepared {
    final ReplayScope scope;
    final MessageId id;
    final long sequence;
    final long clientMillis;

    Passed(ReplayScope scope, MessageId id, long sequence, long clientMillis) {
      super(null);
      this.scope = scope;
      this.id = id;
      this.sequence = sequence;
      this.clientMillis = clientMillis;
    }
  }

  /** Builds a {@link MessageGuard}. */
  public static final class Builder {
    private ReplayPolicy policy = ReplayPolicy.defaults();
    private @Nullable ReplayStore store;
    private @Nullable SessionRegistry sessions;
    private ServerClock serverClock = ServerClock.create();
    private ClientIdValidator idValidator = ClientIdValidator.standard();

    private Builder() {}

    /** Sets the policy; {@link ReplayPolicy#defaults()} by default. */
    @CanIgnoreReturnValue
    public Builder policy(ReplayPolicy policy) {
      this.policy = requireNonNull(policy, "policy");
      return this;
    }

    /** Sets where replay state lives; required. */
    @CanIgnoreReturnValue
    public Builder store(ReplayStore store) {
      this.store = requireNonNull(store, "store");
      return this;
    }

    /** Sets the session registry that knows each device's epoch; required. */
    @CanIgnoreReturnValue
    public Builder sessions(SessionRegistry sessions) {
      this.sessions = requireNonNull(sessions, "sessions");
      return this;
    }

    /** Sets the server clock; {@link ServerClock#create()} by default. */
    @CanIgnoreReturnValue
    public Builder serverClock(ServerClock serverClock) {
      this.serverClock = requireNonNull(serverClock, "serverClock");
      return this;
    }

    /** Sets the client-ID validator; {@link ClientIdValidator#standard()} by default. */
    @CanIgnoreReturnValue
    public Builder idValidator(ClientIdValidator idValidator) {
      this.idValidator = requireNonNull(idValidator, "idValidator");
      return this;
    }

    /**
     * Returns the guard.
     *
     * @throws IllegalArgumentException if the store or the session registry is missing
     */
    public MessageGuard build() {
      requireArgument(store != null, "a replay store is required");
      requireArgument(sessions != null, "a session registry is required");
      return new MessageGuard(this);
    }
  }
}
