package dev.bulwark.messageid.internal;

import dev.bulwark.messageid.MessageOutcome;
import dev.bulwark.messageid.ReplayPolicy;
import dev.bulwark.messageid.ReplayScope;
import dev.bulwark.messageid.SequenceOutcome;

/**
 * One scope's replay state in the in-memory store: its window (the bitmap allocated on the first
 * sequence number, so random-ID scopes never pay for it) and its newest accepted client timestamp.
 * Every method declared here synchronizes on the instance, so each is one atomic step for the
 * scope; the inherited {@link RingWindow} methods do not, and are called only from these.
 */
public final class ScopeState extends RingWindow {
  private final ReplayScope scope;
  private long newestMillis = Long.MIN_VALUE;
  private volatile long keepNanos;

  /** Creates empty state to be kept for the policy's retention after each access. */
  public ScopeState(ReplayScope scope, ReplayPolicy policy) {
    this.scope = scope;
    this.keepNanos = keepNanos(policy);
  }

  /**
   * The scope this state belongs to: the store's key instance, which seen-set entries share rather
   * than each holding a copy (it fits in the object's padding).
   */
  public ReplayScope scope() {
    return scope;
  }

  /** How long the store must keep this state after an access. */
  public long keepNanos() {
    return keepNanos;
  }

  /** The {@code checkSequence} transition: answers without changing anything. */
  public synchronized MessageOutcome checkSequence(long seq, long clientMillis, ReplayPolicy p) {
    SequenceOutcome v = check(seq, p.maxJumpAhead());
    if (v != SequenceOutcome.ACCEPT) {
      return MessageOutcome.of(v);
    }
    return p.isOutOfOrder(clientMillis, newestMillis)
        ? MessageOutcome.OUT_OF_ORDER
        : MessageOutcome.ACCEPTED;
  }

  /** The {@code commitSequence} transition. */
  public synchronized MessageOutcome commitSequence(long seq, long clientMillis, ReplayPolicy p) {
    MessageOutcome outcome = checkSequence(seq, clientMillis, p);
    if (outcome == MessageOutcome.ACCEPTED) {
      commit(seq, p.maxJumpAhead(), p.windowBits());
      accepted(clientMillis, p);
    }
    return outcome;
  }

  /**
   * The ordering half of the {@code commitId} transition: runs {@code insert} (the seen-set insert,
   * which answers whether the ID was new) only if the timestamp is in order.
   */
  public synchronized MessageOutcome commitId(long clientMillis, ReplayPolicy p, IdInsert insert) {
    if (p.isOutOfOrder(clientMillis, newestMillis)) {
      return MessageOutcome.OUT_OF_ORDER;
    }
    MessageOutcome outcome = insert.tryInsert();
    if (outcome == MessageOutcome.ACCEPTED) {
      accepted(clientMillis, p);
    }
    return outcome;
  }

  /** Whether {@code clientMillis} is out of order in this scope. */
  public synchronized boolean isOutOfOrder(long clientMillis, ReplayPolicy p) {
    return p.isOutOfOrder(clientMillis, newestMillis);
  }

  private void accepted(long clientMillis, ReplayPolicy p) {
    newestMillis = Math.max(newestMillis, clientMillis);
    long keep = keepNanos(p);
    if (keep > keepNanos) {
      keepNanos = keep;
    }
  }

  private static long keepNanos(ReplayPolicy p) {
    // One millisecond past the retention: by then every message this state could catch is too old.
    return (p.retentionMillis() + 1) * 1_000_000L;
  }

  /** The seen-set insert run under the scope's lock. */
  @FunctionalInterface
  public interface IdInsert {
    /** Inserts the ID; {@link MessageOutcome#ACCEPTED}, or why not. */
    MessageOutcome tryInsert();
  }
}
