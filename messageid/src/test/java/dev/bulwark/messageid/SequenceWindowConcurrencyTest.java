package dev.bulwark.messageid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * Committers race on the same numbers while checkers read optimistically: every number is accepted
 * at most once, exactly the accepted ones read as duplicates afterwards, and no optimistic check
 * ever reports a number inside the window as too old (a torn read).
 */
class SequenceWindowConcurrencyTest {
  private static final int NUMBERS = 8_000;

  @Test
  void racingCommitsAcceptEachNumberOnceAndOptimisticChecksStaySane() throws Exception {
    // The window covers every number, so any TOO_OLD would be a torn read.
    SequenceWindow window =
        SequenceWindow.create(
            ReplayPolicy.builder().windowBits(8192).maxJumpAhead(1L << 40).build());
    AtomicIntegerArray accepted = new AtomicIntegerArray(NUMBERS);
    Race.Task committer =
        thread -> {
          for (int i = 0; i < NUMBERS; i++) {
            int seq = i - (i % 7) + (i % 7 == 3 ? 2 : 0); // repeats and small steps back
            if (window.commit(seq) == SequenceOutcome.ACCEPT) {
              accepted.incrementAndGet(seq);
            }
          }
        };
    Race.Task checker =
        thread -> {
          for (int i = 0; i < NUMBERS; i++) {
            assertThat(window.check(i)).isIn(SequenceOutcome.ACCEPT, SequenceOutcome.DUPLICATE);
          }
        };
    Race.runEach(4, t -> t < 2 ? committer : checker);
    for (int i = 0; i < NUMBERS; i++) {
      assertThat(accepted.get(i)).as("number %d", i).isLessThanOrEqualTo(1);
      assertThat(accepted.get(i) == 1).isEqualTo(window.check(i) == SequenceOutcome.DUPLICATE);
    }
  }
}
