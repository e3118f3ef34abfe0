package dev.bulwark.examples.messageid;

import dev.bulwark.examples.Scenario;
import dev.bulwark.messageid.GuardDecision;
import dev.bulwark.messageid.InboundMessage;
import dev.bulwark.messageid.MessageGuard;
import dev.bulwark.messageid.MessageIdGenerator;
import dev.bulwark.messageid.MessageOutcome;
import dev.bulwark.messageid.ReplayPolicy;
import dev.bulwark.messageid.ServerClock;
import dev.bulwark.messageid.SessionRegistry;
import dev.bulwark.messageid.memory.MemoryReplayStore;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client sends sequenced, timestamped messages; an attacker on the path captures them and replays
 * one, withholds one and injects it ten minutes late (reordering), forges a timestamp an hour
 * ahead, and replays an old-epoch message after the session was reset. The default policy
 * (1024-number window, 24 h past, 60 s future, 5 min reorder tolerance) is used throughout.
 */
public final class ReplayAttackScenario implements Scenario {
  private static final String ACCOUNT = "demo-account";
  private static final int DEVICE = 1;

  @Override
  public String title() {
    return "Captured messages replayed, reordered and sent with a forged future timestamp";
  }

  @Override
  public boolean run(PrintStream out) {
    AtomicLong wallMillis = new AtomicLong(Instant.parse("2026-01-01T12:00:00Z").toEpochMilli());
    InstantSource wall = () -> Instant.ofEpochMilli(wallMillis.get());
    MemoryReplayStore store = MemoryReplayStore.builder().clock(wall).build();
    SessionRegistry sessions = SessionRegistry.builder().replayStore(store).build();
    ServerClock serverClock = ServerClock.builder().clock(wall).build();
    MessageGuard guard =
        MessageGuard.builder()
            .policy(ReplayPolicy.defaults())
            .store(store)
            .sessions(sessions)
            .serverClock(serverClock)
            .build();
    MessageIdGenerator client = MessageIdGenerator.builder().clock(wall).build();

    long epoch = sessions.startEpoch(ACCOUNT, DEVICE);
    InboundMessage[] sent = new InboundMessage[6];
    for (int seq = 1; seq <= 5; seq++) {
      sent[seq] = message(epoch, client, seq, wallMillis.get());
      wallMillis.addAndGet(1_000);
    }
    out.printf(Locale.ROOT, "%-52s %-14s %s%n", "delivery", "outcome", "server timestamp");
    boolean held = true;
    // The attacker withholds message 3 and lets the others through.
    for (int seq : new int[] {1, 2, 4, 5}) {
      held &= expect(out, guard, "message " + seq, sent[seq], MessageOutcome.ACCEPTED);
    }
    held &=
        expect(
            out, guard, "attacker replays captured message 2", sent[2], MessageOutcome.DUPLICATE);

    wallMillis.addAndGet(Duration.ofMinutes(10).toMillis());
    InboundMessage sixth = message(epoch, client, 6, wallMillis.get());
    held &= expect(out, guard, "message 6, ten minutes later", sixth, MessageOutcome.ACCEPTED);
    held &=
        expect(
            out,
            guard,
            "attacker injects withheld message 3 (10 min late)",
            sent[3],
            MessageOutcome.OUT_OF_ORDER);

    InboundMessage forged =
        message(epoch, client, 7, wallMillis.get() + Duration.ofHours(1).toMillis());
    held &=
        expect(
            out,
            guard,
            "attacker sends message 7 stamped one hour ahead",
            forged,
            MessageOutcome.FROM_FUTURE);

    long newEpoch = sessions.startEpoch(ACCOUNT, DEVICE);
    out.printf(Locale.ROOT, "-- session reset: epoch %d -> %d%n", epoch, newEpoch);
    held &=
        expect(
            out,
            guard,
            "attacker replays message 6 from the old epoch",
            sixth,
            MessageOutcome.STALE_EPOCH);
    InboundMessage fresh = message(newEpoch, client, 1, wallMillis.get());
    held &= expect(out, guard, "message 1 of the new epoch", fresh, MessageOutcome.ACCEPTED);
    return held;
  }

  private static InboundMessage message(
      long epoch, MessageIdGenerator ids, long seq, long clientMillis) {
    return InboundMessage.sequenced(
        ACCOUNT, DEVICE, epoch, ids.next().toString(), seq, clientMillis);
  }

  private static boolean expect(
      PrintStream out,
      MessageGuard guard,
      String what,
      InboundMessage message,
      MessageOutcome expected) {
    GuardDecision decision = guard.admit(message);
    String stamp = decision.hasServerTimestamp() ? decision.serverTimestamp().toString() : "-";
    boolean asExpected = decision.outcome() == expected;
    out.printf(
        Locale.ROOT,
        "%-52s %-14s %s%s%n",
        what,
        decision.outcome(),
        stamp,
        asExpected ? "" : "   UNEXPECTED, wanted " + expected);
    return asExpected;
  }
}
