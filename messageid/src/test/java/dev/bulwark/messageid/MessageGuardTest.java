package dev.bulwark.messageid;

import static dev.bulwark.messageid.GuardFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.messageid.memory.MemoryReplayStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MessageGuardTest {
  private final GuardFixture f = new GuardFixture(ReplayPolicy.defaults());
  private final long epoch = f.sessions.startEpoch(ALICE, 1);
  private final long now = ManualClock.START_MILLIS;

  private MessageOutcome admit(InboundMessage m) {
    return f.guard.admit(m).outcome();
  }

  @Test
  void acceptsOnceStampsAndRejectsTheReplay() {
    GuardDecision first = f.guard.admit(f.sequenced(epoch, 1, now));
    assertThat(first.outcome()).isEqualTo(MessageOutcome.ACCEPTED);
    assertThat(first.serverTimestampMicros()).isEqualTo(now * 1_000);
    assertThat(first.id()).hasToString(GuardFixture.id(1));
    GuardDecision replay = f.guard.admit(f.sequenced(epoch, 1, now));
    assertThat(replay.outcome()).isEqualTo(MessageOutcome.DUPLICATE);
    assertThat(replay.hasServerTimestamp()).isFalse();
    assertThatThrownBy(replay::serverTimestampMicros).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void eachCheckHasItsTypedOutcome() {
    assertThat(admit(f.sequenced(epoch, 1, now - Duration.ofHours(25).toMillis())))
        .isEqualTo(MessageOutcome.TOO_OLD);
    assertThat(admit(f.sequenced(epoch, 1, now + 61_000))).isEqualTo(MessageOutcome.FROM_FUTURE);
    assertThat(admit(f.sequenced(epoch + 1, 1, now))).isEqualTo(MessageOutcome.UNKNOWN_EPOCH);
    assertThat(admit(InboundMessage.sequenced(ALICE, 2, epoch, GuardFixture.id(1), 1, now)))
        .isEqualTo(MessageOutcome.UNKNOWN_DEVICE);
    GuardDecision malformed =
        f.guard.admit(InboundMessage.sequenced(ALICE, 1, epoch, "not-a-uuid", 1, now));
    assertThat(malformed.outcome()).isEqualTo(MessageOutcome.MALFORMED_ID);
    assertThat(malformed.idRejection()).isEqualTo(IdRejection.MALFORMED);
    assertThat(malformed.id()).isNull();
    assertThat(admit(f.sequenced(epoch, 2000, now))).isEqualTo(MessageOutcome.ACCEPTED);
    assertThat(admit(f.sequenced(epoch, 500, now))).isEqualTo(MessageOutcome.SEQUENCE_TOO_OLD);
    assertThat(admit(f.sequenced(epoch, 2000 + (1 << 16) + 1, now)))
        .isEqualTo(MessageOutcome.SEQUENCE_TOO_FAR_AHEAD);
    assertThat(admit(f.sequenced(epoch, 1999, now - 301_000)))
        .isEqualTo(MessageOutcome.OUT_OF_ORDER);
    assertThat(admit(f.sequenced(epoch, 1999, now - 300_000))).isEqualTo(MessageOutcome.ACCEPTED);
  }

  @Test
  void badInputIsTypedAndChangesNoState() {
    assertThat(admit(f.sequenced(epoch, 10, now))).isEqualTo(MessageOutcome.ACCEPTED);
    assertThat(admit(f.sequenced(epoch, -1, now))).isEqualTo(MessageOutcome.INVALID_SEQUENCE);
    assertThat(admit(f.sequenced(epoch, Long.MIN_VALUE, now)))
        .isEqualTo(MessageOutcome.INVALID_SEQUENCE);
    assertThat(admit(f.sequenced(epoch, Long.MAX_VALUE, now)))
        .isEqualTo(MessageOutcome.SEQUENCE_TOO_FAR_AHEAD);
    assertThat(admit(f.sequenced(epoch, 11, Long.MAX_VALUE))).isEqualTo(MessageOutcome.FROM_FUTURE);
    assertThat(admit(f.sequenced(epoch, 11, Long.MIN_VALUE))).isEqualTo(MessageOutcome.TOO_OLD);
    assertThat(admit(f.sequenced(Long.MAX_VALUE, 11, now))).isEqualTo(MessageOutcome.UNKNOWN_EPOCH);
    assertThat(admit(f.sequenced(Long.MIN_VALUE, 11, now))).isEqualTo(MessageOutcome.STALE_EPOCH);
    for (String junk :
        new String[] {"", "\u0000", "x".repeat(10_000), "{" + GuardFixture.id(11) + "}"}) {
      assertThat(admit(InboundMessage.sequenced(ALICE, 1, epoch, junk, 11, now)))
          .isEqualTo(MessageOutcome.MALFORMED_ID);
    }
    // Nothing above moved the window or the newest timestamp: 11 is still new, 9 still in the
    // window, and a timestamp 5 minutes old still in order.
    assertThat(admit(f.sequenced(epoch, 9, now - 300_000))).isEqualTo(MessageOutcome.ACCEPTED);
    assertThat(admit(f.sequenced(epoch, 11, now))).isEqualTo(MessageOutcome.ACCEPTED);
    assertThat(f.store.estimatedScopeCount()).isEqualTo(1);
  }

  @Test
  void aBadMessageForANewScopeCreatesNoState() {
    long bobEpoch = f.sessions.startEpoch("bob", 3);
    assertThat(admit(InboundMessage.sequenced("bob", 3, bobEpoch, GuardFixture.id(1), -5, now)))
        .isEqualTo(MessageOutcome.INVALID_SEQUENCE);
    assertThat(
            f.guard
                .precheck(InboundMessage.sequenced("bob", 3, bobEpoch, GuardFixture.id(1), 1, now))
                .outcome())
        .isEqualTo(MessageOutcome.ACCEPTED);
    f.store.cleanUp();
    assertThat(f.store.estimatedScopeCount()).isZero();
  }

  @Test
  void precheckRecordsNothingSoAForgedMessageCannotBurnANumber() {
    InboundMessage forged = f.sequenced(epoch, 7, now);
    assertThat(f.guard.precheck(forged).outcome()).isEqualTo(MessageOutcome.ACCEPTED);
    assertThat(f.guard.precheck(forged).hasServerTimestamp()).isFalse();
    // The host's signature check fails; the genuine message with the same number still gets in.
    assertThat(admit(f.sequenced(epoch, 7, now))).isEqualTo(MessageOutcome.ACCEPTED);
    assertThat(f.guard.precheck(forged).outcome()).isEqualTo(MessageOutcome.DUPLICATE);
  }

  @Test
  void aResetStartsAFreshEpochAndRejectsTheOldOne() {
    assertThat(admit(f.sequenced(epoch, 1, now))).isEqualTo(MessageOutcome.ACCEPTED);
    long next = f.sessions.startEpoch(ALICE, 1);
    assertThat(next).isGreaterThan(epoch);
    assertThat(admit(f.sequenced(epoch, 2, now))).isEqualTo(MessageOutcome.STALE_EPOCH);
    assertThat(admit(f.sequenced(next, 1, now))).isEqualTo(MessageOutcome.ACCEPTED);
  }

  @Test
  void removingADeviceInvalidatesItsScopeAndItsMessages() {
    assertThat(admit(f.sequenced(epoch, 1, now))).isEqualTo(MessageOutcome.ACCEPTED);
    assertThat(f.store.estimatedScopeCount()).isEqualTo(1);
    assertThat(f.sessions.removeDevice(ALICE, 1)).isTrue();
    assertThat(f.store.estimatedScopeCount()).isZero();
    assertThat(admit(f.sequenced(epoch, 2, now))).isEqualTo(MessageOutcome.UNKNOWN_DEVICE);
    long readded = f.sessions.startEpoch(ALICE, 1);
    assertThat(readded).isGreaterThan(epoch);
    assertThat(admit(f.sequenced(epoch, 2, now))).isEqualTo(MessageOutcome.STALE_EPOCH);
  }

  @Test
  void randomIdModeRemembersAnIdExactlyUntilItsTimestampIsTooOld() {
    GuardFixture g =
        new GuardFixture(
            ReplayPolicy.builder()
                .dedupMode(DedupMode.RANDOM_ID)
                .maxPast(Duration.ofHours(1))
                .maxFuture(Duration.ofMinutes(1))
                .build());
    long e = g.sessions.startEpoch(ALICE, 1);
    String id = GuardFixture.randomId();
    assertThat(g.guard.admit(g.unsequenced(e, id, now)).outcome())
        .isEqualTo(MessageOutcome.ACCEPTED);
    assertThat(g.guard.admit(g.unsequenced(e, id, now)).outcome())
        .isEqualTo(MessageOutcome.DUPLICATE);
    g.wall.advance(Duration.ofHours(1));
    assertThat(g.guard.admit(g.unsequenced(e, id, now)).outcome())
        .isEqualTo(MessageOutcome.DUPLICATE);
    g.wall.advance(Duration.ofMillis(1));
    assertThat(g.guard.admit(g.unsequenced(e, id, now)).outcome())
        .isEqualTo(MessageOutcome.TOO_OLD);
    g.store.cleanUp();
    assertThat(g.store.estimatedSeenIdCount()).isZero();
    // The sequence field is ignored in this mode and cannot be used to dodge the seen-set.
    String other = GuardFixture.randomId();
    long later = g.wall.millis();
    assertThat(g.guard.admit(InboundMessage.sequenced(ALICE, 1, e, other, 5, later)).outcome())
        .isEqualTo(MessageOutcome.ACCEPTED);
    assertThat(g.guard.admit(InboundMessage.sequenced(ALICE, 1, e, other, 6, later)).outcome())
        .isEqualTo(MessageOutcome.DUPLICATE);
  }

  @Test
  void idleScopesExpireWithoutReadmittingReplays() {
    InboundMessage m = f.sequenced(epoch, 1, now);
    assertThat(admit(m)).isEqualTo(MessageOutcome.ACCEPTED);
    f.wall.advance(f.policy.retention().plusMillis(1));
    f.store.cleanUp();
    assertThat(f.store.estimatedScopeCount()).isZero();
    assertThat(admit(m)).isEqualTo(MessageOutcome.TOO_OLD);
  }

  @Test
  void aFullStoreFailsClosedInsteadOfForgetting() {
    GuardFixture small =
        new GuardFixture(
            ReplayPolicy.builder().dedupMode(DedupMode.RANDOM_ID).build(),
            MemoryReplayStore.builder().maximumScopes(1).maximumSeenIds(2));
    long a = small.sessions.startEpoch(ALICE, 1);
    long b = small.sessions.startEpoch(ALICE, 2);
    String id1 = GuardFixture.randomId();
    assertThat(small.guard.admit(small.unsequenced(a, id1, now)).outcome())
        .isEqualTo(MessageOutcome.ACCEPTED);
    assertThat(
            small
                .guard
                .admit(InboundMessage.unsequenced(ALICE, 2, b, GuardFixture.randomId(), now))
                .outcome())
        .isEqualTo(MessageOutcome.STORE_FULL);
    assertThat(small.guard.admit(small.unsequenced(a, GuardFixture.randomId(), now)).outcome())
        .isEqualTo(MessageOutcome.ACCEPTED);
    assertThat(small.guard.precheck(small.unsequenced(a, GuardFixture.randomId(), now)).outcome())
        .isEqualTo(MessageOutcome.STORE_FULL);
    assertThat(small.guard.admit(small.unsequenced(a, GuardFixture.randomId(), now)).outcome())
        .isEqualTo(MessageOutcome.STORE_FULL);
    assertThat(small.guard.admit(small.unsequenced(a, id1, now)).outcome())
        .isEqualTo(MessageOutcome.DUPLICATE);
  }

  @Test
  void theAsyncFormGivesTheSameAnswers() {
    InboundMessage m = f.sequenced(epoch, 1, now);
    assertThat(f.guard.admitAsync(m).toCompletableFuture().join().outcome())
        .isEqualTo(MessageOutcome.ACCEPTED);
    assertThat(f.guard.admitAsync(m).toCompletableFuture().join().outcome())
        .isEqualTo(MessageOutcome.DUPLICATE);
    assertThat(
            f.guard
                .admitAsync(f.sequenced(epoch, 2, Long.MAX_VALUE))
                .toCompletableFuture()
                .join()
                .outcome())
        .isEqualTo(MessageOutcome.FROM_FUTURE);
  }

  @Test
  void messagesAndScopesPrintNoAccountOrClientText() {
    InboundMessage m = f.sequenced(epoch, 1, now);
    assertThat(m.toString()).doesNotContain(ALICE).doesNotContain(m.clientId());
    assertThat(new ReplayScope(ALICE, 1, 1).toString()).doesNotContain(ALICE);
    assertThat(
            f.guard
                .admit(InboundMessage.sequenced(ALICE, 1, epoch, "secret-junk", 1, now))
                .toString())
        .doesNotContain("secret-junk");
  }

  @Test
  void hostSuppliedFieldsAreValidated() {
    assertThatThrownBy(() -> InboundMessage.sequenced("", 1, 1, GuardFixture.id(1), 1, now))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("account must have 1 to 256 characters, got 0");
    assertThatThrownBy(() -> InboundMessage.sequenced(ALICE, -1, 1, GuardFixture.id(1), 1, now))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("device must not be negative, got -1");
    assertThatThrownBy(() -> new ReplayScope(ALICE, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MessageGuard.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a replay store is required");
  }
}
