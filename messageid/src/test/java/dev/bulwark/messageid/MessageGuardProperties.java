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
            .zip(integers().between(0, 100).mix(integers().between(0, 0), 80), (m, wait) -> new int[] {m, wait});
    return lists().of(one).ofSizeBetween(0, 300);
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
            (stamps, arrivals) -> {
              GuardFixture f = new GuardFixture(policy);
              long epoch = f.sessions.startEpoch(ALICE, 1);
              Set<Integer> accepted = new HashSet<>();
              for (int[] d : arrivals) {
                f.wall.advance(Duration.ofMinutes(d[1]));
                long ts = ManualClock.START_MILLIS + stamps.get(d[0]) * 60_000;
                GuardDecision decision = f.guard.admit(f.unsequenced(epoch, GuardFixture.id(d[0]), ts));
                if (decision.isAccepted()) {
                  assertThat(accepted.add(d[0])).as("message %d accepted twice", d[0]).isTrue();
                }
              }
            });
  }

  /**
   * No sequence number is ever accepted twice within its scope and epoch, whatever the order of
   * arrival and however far time moves, including after the store has dropped the idle scope.
   */
  @Test
  void noSequenceNumberIsEverAcceptedTwiceWithinItsScopeAndEpoch() {
    qt().forAll(timestamps(), deliveries())
        .checkAssert(
            (stamps, arrivals) -> {
              GuardFixture f = new GuardFixture(SHORT);
              long epoch = f.sessions.startEpoch(ALICE, 1);
              Set<Integer> accepted = new HashSet<>();
              for (int[] d : arrivals) {
                f.wall.advance(Duration.ofMinutes(d[1]));
                long ts = ManualClock.START_MILLIS + stamps.get(d[0]) * 60_000;
                // Sequence numbers spread over more than the 64-bit window.
                GuardDecision decision = f.guard.admit(f.sequenced(epoch, d[0] * 3L, ts));
                if (decision.isAccepted()) {
                  assertThat(accepted.add(d[0])).as("message %d accepted twice", d[0]).isTrue();
                }
              }
            });
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
              GuardFixture f = new GuardFixture(SHORT);
              long epoch = f.sessions.startEpoch(ALICE, 1);
              long lastStamp = Long.MIN_VALUE;
              for (int[] d : arrivals) {
                f.wall.advance(Duration.ofMinutes(d[1]));
                long ts = ManualClock.START_MILLIS + stamps.get(d[0]) * 60_000;
                long now = f.wall.millis();
                boolean outside = ts < now - 3_600_000 || ts > now + 60_000;
                GuardDecision decision = f.guard.admit(f.sequenced(epoch, d[0], ts));
                if (outside) {
                  assertThat(decision.outcome()).isIn(MessageOutcome.TOO_OLD, MessageOutcome.FROM_FUTURE);
                }
                if (decision.isAccepted()) {
                  assertThat(decision.serverTimestampMicros()).isGreaterThan(lastStamp);
                  lastStamp = decision.serverTimestampMicros();
                }
              }
            });
  }
}
