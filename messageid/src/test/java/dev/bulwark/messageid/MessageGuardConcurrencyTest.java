package dev.bulwark.messageid;

import static dev.bulwark.messageid.GuardFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/** Several threads deliver the same messages at once; each message is accepted exactly once. */
class MessageGuardConcurrencyTest {
  private static final int THREADS = 4;
  private static final int MESSAGES = 3_000;

  @Test
  void sameSequenceNumbersFromManyThreadsAreEachAcceptedExactlyOnce() throws Exception {
    GuardFixture f = new GuardFixture(ReplayPolicy.builder().windowBits(8192).build());
    long epoch = f.sessions.startEpoch(ALICE, 1);
    long now = f.wall.millis();
    assertEachAcceptedOnce(f, i -> f.sequenced(epoch, i, now));
  }

  @Test
  void sameRandomIdsFromManyThreadsAreEachAcceptedExactlyOnce() throws Exception {
    GuardFixture f =
        new GuardFixture(ReplayPolicy.builder().dedupMode(DedupMode.RANDOM_ID).build());
    long epoch = f.sessions.startEpoch(ALICE, 1);
    long now = f.wall.millis();
    assertEachAcceptedOnce(f, i -> f.unsequenced(epoch, GuardFixture.id(i), now));
  }

  private static void assertEachAcceptedOnce(GuardFixture f, LongFunction<InboundMessage> message)
      throws Exception {
    List<InboundMessage> messages = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      messages.add(message.apply(i));
    }
    AtomicIntegerArray accepted = new AtomicIntegerArray(MESSAGES);
    Race.run(
        THREADS,
        thread -> {
          // Each thread its own order, ascending with local shuffles, so that threads collide.
          List<Integer> order = new ArrayList<>();
          for (int i = 0; i < MESSAGES; i++) {
            order.add(i);
          }
          Random random = new Random(thread);
          for (int i = 0; i + 8 <= MESSAGES; i += 8) {
            Collections.shuffle(order.subList(i, i + 8), random);
          }
          for (int i : order) {
            if (f.guard.admit(messages.get(i)).isAccepted()) {
              accepted.incrementAndGet(i);
            }
          }
        });
    for (int i = 0; i < MESSAGES; i++) {
      assertThat(accepted.get(i)).as("message %d", i).isEqualTo(1);
    }
  }
}
