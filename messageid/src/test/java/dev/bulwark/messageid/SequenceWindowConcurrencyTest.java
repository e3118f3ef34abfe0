package dev.bulwark.messageid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * Committers race on the same numbers while checkers read optimistically: every number is accepted
 * exactly once, and no check throws or reports a number as too old or too far ahead.
 */
class SequenceWindowConcurrencyTest {
  private static final int NUMBERS = 8_000;

  @Test
  void racingCommitsAcceptEachNumberOnceAndOptimisticChecksStaySane() throws Exception {
    // The window covers every number, so any TOO_OLD would be a torn read.
    SequenceWindow window =
        SequenceWindow.create(ReplayPolicy.builder().windowBits(8192).maxJumpAhead(1L << 40).build());
    AtomicIntegerArray accepted = new AtomicIntegerArray(NUMBERS);
    CyclicBarrier start = new CyclicBarrier(4);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        done.add(
            pool.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  for (int i = 0; i < NUMBERS; i++) {
                    long seq = i - (i % 7); // repeats and small steps back
                    if (window.commit(seq + (i % 7 == 3 ? 2 : 0)) == SequenceOutcome.ACCEPT) {
                      accepted.incrementAndGet((int) seq + (i % 7 == 3 ? 2 : 0));
                    }
                  }
                  return null;
                }));
      }
      for (int t = 0; t < 2; t++) {
        done.add(
            pool.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  for (int i = 0; i < NUMBERS; i++) {
                    SequenceOutcome o = window.check(i);
                    assertThat(o).isIn(SequenceOutcome.ACCEPT, SequenceOutcome.DUPLICATE);
                  }
                  return null;
                }));
      }
      for (Future<?> d : done) {
        d.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (int i = 0; i < NUMBERS; i++) {
      assertThat(accepted.get(i)).as("number %d", i).isLessThanOrEqualTo(1);
      assertThat(accepted.get(i) == 1).isEqualTo(window.check(i) == SequenceOutcome.DUPLICATE);
    }
  }
}
