package dev.bulwark.messageid.spi;

import dev.bulwark.messageid.MessageId;
import dev.bulwark.messageid.MessageOutcome;
import dev.bulwark.messageid.ReplayPolicy;
import dev.bulwark.messageid.ReplayScope;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Where replay state lives: per {@link ReplayScope}, an RFC 6479 window of sequence numbers, a
 * seen-set of random IDs, and the newest accepted client timestamp.
 *
 * <p><b>Contract.</b> Each {@code commit...} method is one indivisible state transition of its
 * scope: concurrent calls for one scope behave as if run one after another. It checks, in this
 * order, that the message is not a duplicate (sequence: also not behind the window or too far
 * ahead), that its timestamp is not older than the scope's newest minus {@link
 * ReplayPolicy#reorderTolerance()} ({@link MessageOutcome#OUT_OF_ORDER}), and that the store has
 * room ({@link MessageOutcome#STORE_FULL}); only if all pass does it record the message (mark the
 * number, or insert the ID to expire at {@link ReplayPolicy#forgetAfterMillis}) and raise the
 * newest timestamp, and answer {@link MessageOutcome#ACCEPTED}. A rejection changes nothing. Each
 * {@code check...} method answers what its {@code commit...} would answer now and changes nothing.
 *
 * <p><b>Forgetting.</b> A store may drop a scope's state once no message has touched it for {@link
 * ReplayPolicy#retention()}, and an ID once {@code forgetAfterMillis} has passed: by then any
 * message they could catch is rejected as {@link MessageOutcome#TOO_OLD} by its timestamp. It must
 * not drop state earlier, e.g. to make room: it answers {@link MessageOutcome#STORE_FULL} instead.
 *
 * <p><b>Arguments.</b> Callers ({@link dev.bulwark.messageid.MessageGuard}) pass non-negative
 * sequence numbers and client timestamps already inside the policy's bounds; stores may rely on it.
 * A scope's window size is fixed when its state is created.
 *
 * <p><b>Failure.</b> A store that cannot answer throws {@link ReplayStoreException}, or completes
 * the async form with it. Implementations must be thread-safe and must not log account identifiers.
 */
public interface ReplayStore {

  /** Answers what {@link #commitSequence} would answer now; changes nothing. */
  MessageOutcome checkSequence(
      ReplayScope scope, long sequence, long clientMillis, ReplayPolicy policy);

  /**
   * Atomically test-and-sets {@code sequence} in the scope's window, with the ordering check.
   *
   * @throws ReplayStoreException if the store cannot answer
   */
  MessageOutcome commitSequence(
      ReplayScope scope, long sequence, long clientMillis, ReplayPolicy policy);

  /** Answers what {@link #commitId} would answer now; changes nothing. */
  MessageOutcome checkId(ReplayScope scope, MessageId id, long clientMillis, ReplayPolicy policy);

  /**
   * Atomically inserts {@code id} into the scope's seen-set, to expire at {@code
   * policy.forgetAfterMillis(clientMillis)}, with the ordering check.
   *
   * @throws ReplayStoreException if the store cannot answer
   */
  MessageOutcome commitId(ReplayScope scope, MessageId id, long clientMillis, ReplayPolicy policy);

  /**
   * Drops the scope's window and newest timestamp (its epoch ended). Its seen IDs may stay until
   * they expire; no message can reach them once the epoch is rejected.
   */
  void invalidate(ReplayScope scope);

  /**
   * The asynchronous form of {@link #commitSequence}; the default runs it in the calling thread.
   */
  default CompletionStage<MessageOutcome> commitSequenceAsync(
      ReplayScope scope, long sequence, long clientMillis, ReplayPolicy policy) {
    return completed(() -> commitSequence(scope, sequence, clientMillis, policy));
  }

  /** The asynchronous form of {@link #commitId}; the default runs it in the calling thread. */
  default CompletionStage<MessageOutcome> commitIdAsync(
      ReplayScope scope, MessageId id, long clientMillis, ReplayPolicy policy) {
    return completed(() -> commitId(scope, id, clientMillis, policy));
  }

  private static CompletionStage<MessageOutcome> completed(Supplier<MessageOutcome> call) {
    try {
      return CompletableFuture.completedFuture(call.get());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
