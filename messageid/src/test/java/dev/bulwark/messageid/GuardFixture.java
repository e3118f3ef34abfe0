package dev.bulwark.messageid;

import dev.bulwark.messageid.memory.MemoryReplayStore;
import java.util.UUID;

/** A guard over the real in-memory store, a manual wall clock and a session registry. */
final class GuardFixture {
  static final String ALICE = "alice-account";

  final ManualClock wall = new ManualClock();
  final MemoryReplayStore store;
  final SessionRegistry sessions;
  final ServerClock serverClock;
  final MessageGuard guard;
  final ReplayPolicy policy;

  GuardFixture(ReplayPolicy policy) {
    this(policy, MemoryReplayStore.builder());
  }

  GuardFixture(ReplayPolicy policy, MemoryReplayStore.Builder storeBuilder) {
    this.policy = policy;
    this.store = storeBuilder.clock(wall).executor(Runnable::run).build();
    this.sessions = SessionRegistry.builder().replayStore(store).build();
    this.serverClock = ServerClock.builder().clock(wall).build();
    this.guard =
        MessageGuard.builder()
            .policy(policy)
            .store(store)
            .sessions(sessions)
            .serverClock(serverClock)
            .build();
  }

  /** A fresh random version-4 ID in canonical text form. */
  static String randomId() {
    return UUID.randomUUID().toString();
  }

  /**
   * A deterministic valid version-4 ID for index {@code i} (distinct for distinct 44-bit values).
   */
  static String id(long i) {
    long bits = i & ((1L << 44) - 1);
    return new UUID(0x4000L | (bits << 16), 0x8000_0000_0000_0000L | bits).toString();
  }

  InboundMessage sequenced(long epoch, long seq, long clientMillis) {
    return InboundMessage.sequenced(ALICE, 1, epoch, id(seq), seq, clientMillis);
  }

  InboundMessage unsequenced(long epoch, String id, long clientMillis) {
    return InboundMessage.unsequenced(ALICE, 1, epoch, id, clientMillis);
  }
}
