package dev.bulwark.messageid;

import static dev.bulwark.messageid.GuardFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The guard's specification over the real in-memory store. A "message" is captured whole: its ID,
 * sequence number and timestamp never change between deliveries, as when they are covered by the
 * message's authentication. Deliveries come in any order, any number of times, while the clock
 * moves forward by up to a few hours per step, far enough for the store to forget IDs and scopes.
 */
class MessageGuardProperties {
  private static final int MESSAGES = 40;

  private static final ReplayPolicy SHORT =
      ReplayPolicy.builder()
          .maxPast(Duration.ofHours(1))
          .maxFuture(Duration.ofMinutes(1))
          .reorderTolerance(Duration.ofMinutes(30))
          .windowBits(64)
          .build();

  /** Per message: its timestamp offset from the start, in minutes (-70 to +70). */
  private static Gen<List<Long>> timestamps() {
    return lists().of(longs().between(-70, 70)).ofSize(MESSAGES);
  }

  /** Per delivery: which message, and how many minutes pass before it (mostly none). */
  private static Gen<List<int[]>> deliveries() {
    Gen<int[]> one =
        integers()
            .between(0, MESSAGES - 1)
            .zip(
                integers().between(0, 100).mix(integers().between(0, 0), 80),
                (m, wait) -> new int[] {m, wait});
    return lists().of(one).ofSizeBetween(0, 300);
  }

  /** What one delivery answered: the message's index, its timestamp and the decision. */
  @FunctionalInterface
  private interface Observer {
    void delivered(int message, long clientMillis, long now, GuardDecision decision);
  }

  /** Builds the message for an index, epoch and timestamp. */
  @FunctionalInterface
  private interface Sender {
    InboundMessage message(GuardFixture f, long epoch, int index, long clientMillis);
  }

  /** Plays the deliveries against a fresh guard, letting the clock move before each one. */
  private static void play(
      ReplayPolicy policy,
      List<Long> stamps,
      List<int[]> arrivals,
      Sender sender,
      Observer observer) {
    GuardFixture f = new GuardFixture(policy);
    long epoch = f.sessions.startEpoch(ALICE, 1);
    for (int[] d : arrivals) {
      f.wall.advance(Duration.ofMinutes(d[1]));
      long ts = ManualClock.START_MILLIS + stamps.get(d[0]) * 60_000;
      observer.delivered(
          d[0], ts, f.wall.millis(), f.guard.admit(sender.message(f, epoch, d[0], ts)));
    }
  }

  /** An observer that fails if one message is accepted twice. */
  private static Observer acceptedAtMostOnce() {
    Set<Integer> accepted = new HashSet<>();
    return (message, ts, now, decision) -> {
      if (decision.isAccepted()) {
        assertThat(accepted.add(message)).as("message %d accepted twice", message).isTrue();
      }
    };
  }

  /**
   * No random ID is ever accepted twice within its scope and epoch, whatever the order of arrival
   * and however far time moves, including after the store has forgotten the ID.
   */
  @Test
  void noIdIsEverAcceptedTwiceWithinItsScopeAndEpoch() {
    ReplayPolicy policy = SHORT.toBuilder().dedupMode(DedupMode.RANDOM_ID).build();
    qt().forAll(timestamps(), deliveries())
        .checkAssert(
            (stamps, arrivals) ->
                play(
                    policy,
                    stamps,
                    arrivals,
                    (f, epoch, i, ts) -> f.unsequenced(epoch, GuardFixture.id(i), ts),
                    acceptedAtMostOnce()));
  }

  /**
   * No sequence number is ever accepted twice within its scope and epoch, whatever the order of
   * arrival and however far time moves, including after the store has dropped the idle scope.
   */
  @Test
  void noSequenceNumberIsEverAcceptedTwiceWithinItsScopeAndEpoch() {
    // Sequence numbers spread over more than the 64-bit window.
    qt().forAll(timestamps(), deliveries())
        .checkAssert(
            (stamps, arrivals) ->
                play(
                    SHORT,
                    stamps,
                    arrivals,
                    (f, epoch, i, ts) -> f.sequenced(epoch, i * 3L, ts),
                    acceptedAtMostOnce()));
  }

  /**
   * Whatever the clock and the message, a timestamp outside [now - maxPast, now + maxFuture] is
   * rejected and leaves the store as it was; server timestamps of accepted messages strictly rise.
   */
  @Test
  void timestampsOutsideTheBoundsAreAlwaysRejectedAndStampsRise() {
    qt().forAll(timestamps(), deliveries())
        .checkAssert(
            (stamps, arrivals) -> {
              long[] lastStamp = {Long.MIN_VALUE};
              play(
                  SHORT,
                  stamps,
                  arrivals,
                  (f, epoch, i, ts) -> f.sequenced(epoch, i, ts),
                  (message, ts, now, decision) -> {
                    if (ts < now - 3_600_000 || ts > now + 60_000) {
                      assertThat(decision.outcome())
                          .isIn(MessageOutcome.TOO_OLD, MessageOutcome.FROM_FUTURE);
                    }
                    if (decision.isAccepted()) {
                      assertThat(decision.serverTimestampMicros()).isGreaterThan(lastStamp[0]);
                      lastStamp[0] = decision.serverTimestampMicros();
                    }
                  });
            });
  }
}
