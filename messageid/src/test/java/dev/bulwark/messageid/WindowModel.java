package dev.bulwark.messageid;

import java.util.HashSet;
import java.util.Set;

/**
 * The specification of a replay window as an obviously correct model: an unbounded set of every
 * accepted number, judged against the same top, window size and jump limit.
 */
final class WindowModel {
  private final int windowBits;
  private final long maxJumpAhead;
  private final Set<Long> accepted = new HashSet<>();
  private long top = -1;

  WindowModel(ReplayPolicy policy) {
    this.windowBits = policy.windowBits();
    this.maxJumpAhead = policy.maxJumpAhead();
  }

  SequenceOutcome expected(long seq) {
    if (seq < 0) {
      return SequenceOutcome.INVALID;
    }
    if (seq > top) {
      return top >= 0 && seq - top > maxJumpAhead
          ? SequenceOutcome.TOO_FAR_AHEAD
          : SequenceOutcome.ACCEPT;
    }
    if (seq <= top - windowBits) {
      return SequenceOutcome.TOO_OLD;
    }
    return accepted.contains(seq) ? SequenceOutcome.DUPLICATE : SequenceOutcome.ACCEPT;
  }

  void accept(long seq) {
    accepted.add(seq);
    top = Math.max(top, seq);
  }

  long top() {
    return top;
  }

  boolean everAccepted(long seq) {
    return accepted.contains(seq);
  }
}
