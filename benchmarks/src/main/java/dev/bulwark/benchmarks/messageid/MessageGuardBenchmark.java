package dev.bulwark.benchmarks.messageid;

import dev.bulwark.messageid.GuardDecision;
import dev.bulwark.messageid.InboundMessage;
import dev.bulwark.messageid.MessageGuard;
import dev.bulwark.messageid.MessageIdGenerator;
import dev.bulwark.messageid.ReplayPolicy;
import dev.bulwark.messageid.SessionRegistry;
import dev.bulwark.messageid.memory.MemoryReplayStore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One full {@link MessageGuard#admit} in sequence mode on the system clock and the in-memory
 * store: client-ID parsing, epoch lookup, timestamp bounds, the atomic window transition and a
 * server timestamp. Every call admits the next sequence number of one device, so this is the
 * accept path; the message record is built in the call (one small allocation) and the ID text is
 * the same each time (in sequence mode the ID is validated, the number is what is deduplicated).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class MessageGuardBenchmark {
  private static final String ACCOUNT = "benchmark-account";

  private MessageGuard guard;
  private long epoch;
  private String clientId;
  private long clientMillis;
  private long sequence;

  @Setup
  public void setUp() {
    MemoryReplayStore store = MemoryReplayStore.create();
    SessionRegistry sessions = SessionRegistry.builder().replayStore(store).build();
    guard =
        MessageGuard.builder()
            .policy(ReplayPolicy.defaults())
            .store(store)
            .sessions(sessions)
            .build();
    epoch = sessions.startEpoch(ACCOUNT, 1);
    clientId = MessageIdGenerator.create().next().toString();
    sequence = 0;
  }

  /** Keeps the client timestamp inside the acceptance window and in order. */
  @Setup(Level.Iteration)
  public void stamp() {
    clientMillis = java.time.Instant.now().toEpochMilli();
  }

  @Benchmark
  public GuardDecision admitSequenced() {
    return guard.admit(
        InboundMessage.sequenced(ACCOUNT, 1, epoch, clientId, sequence++, clientMillis));
  }
}
