package dev.bulwark.benchmarks.messageid;

import dev.bulwark.messageid.MessageOutcome;
import dev.bulwark.messageid.ReplayPolicy;
import dev.bulwark.messageid.ReplayScope;
import dev.bulwark.messageid.SequenceOutcome;
import dev.bulwark.messageid.SequenceWindow;
import dev.bulwark.messageid.memory.MemoryReplayStore;
import java.util.BitSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Replay detection for one scope's sequence numbers, check then commit, 1024-number window.
 *
 * <p>Arrivals are ascending with every block of 16 shuffled, so a quarter of them land behind the
 * top (inside the window) and the window slides on the others. Contenders, all in the same run:
 *
 * <ul>
 *   <li>{@code window}: {@link SequenceWindow#check} then {@link SequenceWindow#commit}.
 *   <li>{@code storeOneScope}: the same through {@link MemoryReplayStore} (Caffeine lookup and the
 *       scope lock included), as a {@link dev.bulwark.messageid.MessageGuard} uses it.
 *   <li>{@code concurrentHashMapSet} (baseline): a {@code ConcurrentHashMap} key set of the
 *       numbers, {@code contains} then {@code add}, removing the number a window behind to stay
 *       bounded.
 *   <li>{@code bareBitSet} (floor): a {@link BitSet} of twice the window, {@code get}, {@code set}
 *       and {@code clear} of the slot a window ahead; no bounds, no lock, no outcome.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class ReplayWindowBenchmark {
  private static final int WINDOW = 1024;
  private static final int[] SHUFFLE = {5, 0, 11, 3, 14, 8, 1, 12, 6, 15, 2, 9, 13, 4, 10, 7};

  private final ReplayPolicy policy =
      ReplayPolicy.builder().windowBits(WINDOW).maxJumpAhead(1L << 40).build();
  private SequenceWindow window;
  private MemoryReplayStore store;
  private ReplayScope scope;
  private Set<Long> seen;
  private BitSet bits;
  private long counter;
  private final long clientMillis = java.time.Instant.now().toEpochMilli();

  @Setup
  public void setUp() {
    window = SequenceWindow.create(policy);
    store = MemoryReplayStore.create();
    scope = new ReplayScope("benchmark-account", 1, 1);
    seen = ConcurrentHashMap.newKeySet();
    bits = new BitSet(2 * WINDOW);
    counter = 0;
  }

  private long nextSeq() {
    long c = counter++;
    return (c & ~15L) | SHUFFLE[(int) (c & 15)];
  }

  @Benchmark
  public SequenceOutcome window() {
    long seq = nextSeq();
    SequenceOutcome checked = window.check(seq);
    return checked == SequenceOutcome.ACCEPT ? window.commit(seq) : checked;
  }

  @Benchmark
  public MessageOutcome storeOneScope() {
    long seq = nextSeq();
    MessageOutcome checked = store.checkSequence(scope, seq, clientMillis, policy);
    return checked == MessageOutcome.ACCEPTED
        ? store.commitSequence(scope, seq, clientMillis, policy)
        : checked;
  }

  @Benchmark
  public boolean concurrentHashMapSet() {
    long seq = nextSeq();
    if (seen.contains(seq)) {
      return false;
    }
    boolean added = seen.add(seq);
    seen.remove(seq - WINDOW);
    return added;
  }

  @Benchmark
  public boolean bareBitSet() {
    long seq = nextSeq();
    int slot = (int) (seq & (2 * WINDOW - 1));
    if (bits.get(slot)) {
      return false;
    }
    bits.set(slot);
    bits.clear((slot + WINDOW) & (2 * WINDOW - 1));
    return true;
  }
}
