package dev.bulwark.benchmarks.messageid;

import dev.bulwark.messageid.DedupMode;
import dev.bulwark.messageid.MessageId;
import dev.bulwark.messageid.MessageOutcome;
import dev.bulwark.messageid.ReplayPolicy;
import dev.bulwark.messageid.ReplayScope;
import dev.bulwark.messageid.SequenceWindow;
import dev.bulwark.messageid.memory.MemoryReplayStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openjdk.jol.info.GraphLayout;

/**
 * Measures retained bytes with JOL's {@link GraphLayout} (exact object graph sizes, not heap
 * deltas): per scope of {@link MemoryReplayStore} at 100,000 scopes, per remembered random ID, and
 * a {@code ConcurrentHashMap} set of one window's worth of numbers for comparison. Run with {@code
 * java -cp benchmarks/target/benchmarks.jar dev.bulwark.benchmarks.messageid.ScopeFootprint}.
 */
public final class ScopeFootprint {
  private static final int SCOPES = 100_000;

  private ScopeFootprint() {}

  /** Prints the measurements. */
  public static void main(String[] args) {
    long now = java.time.Instant.now().toEpochMilli();
    ReplayPolicy policy = ReplayPolicy.defaults();

    MemoryReplayStore store = MemoryReplayStore.builder().executor(Runnable::run).build();
    List<ReplayScope> scopes = new ArrayList<>(SCOPES);
    for (int i = 0; i < SCOPES; i++) {
      scopes.add(new ReplayScope(String.format(Locale.ROOT, "%036d", i), i & 7, 1 + i));
    }
    long emptyStore = GraphLayout.parseInstance(store).totalSize();
    for (ReplayScope scope : scopes) {
      for (long seq = 0; seq < 20; seq++) {
        require(store.commitSequence(scope, seq * 7, now, policy));
      }
    }
    store.cleanUp();
    long keys = GraphLayout.parseInstance(scopes.toArray()).totalSize() - arraySize(SCOPES);
    long filled = GraphLayout.parseInstance(store).totalSize();
    double perScope = (double) (filled - emptyStore) / SCOPES;
    double perScopeState = (double) (filled - emptyStore - keys) / SCOPES;

    SequenceWindow one = SequenceWindow.create(policy);
    require(MessageOutcome.of(one.commit(5)));
    long window = GraphLayout.parseInstance(one).totalSize();

    ReplayPolicy random = policy.toBuilder().dedupMode(DedupMode.RANDOM_ID).build();
    MemoryReplayStore idStore = MemoryReplayStore.builder().executor(Runnable::run).build();
    String account = "benchmark-account";
    long emptyIds = GraphLayout.parseInstance(idStore).totalSize();
    for (int i = 0; i < SCOPES; i++) {
      // A new ReplayScope per message, as MessageGuard makes them.
      ReplayScope scope = new ReplayScope(account, 1, 1);
      MessageId id = MessageId.fromBits(0x4000L | ((long) i << 16), 0x8000_0000_0000_0000L | i);
      require(idStore.commitId(scope, id, now, random));
    }
    idStore.cleanUp();
    double perId = (double) (GraphLayout.parseInstance(idStore).totalSize() - emptyIds) / SCOPES;

    Set<Long> chm = ConcurrentHashMap.newKeySet();
    for (long seq = 0; seq < 1024; seq++) {
      chm.add(seq + 1_000_000);
    }
    long chmWindow = GraphLayout.parseInstance(chm).totalSize();

    System.out.printf(Locale.ROOT, "scopes                               %,d%n", SCOPES);
    System.out.printf(Locale.ROOT, "store bytes per scope (all)          %.1f%n", perScope);
    System.out.printf(
        Locale.ROOT, "  of which the ReplayScope key       %.1f%n", (double) keys / SCOPES);
    System.out.printf(Locale.ROOT, "  state + Caffeine entry             %.1f%n", perScopeState);
    System.out.printf(Locale.ROOT, "one SequenceWindow (1024 bits)       %d%n", window);
    System.out.printf(Locale.ROOT, "store bytes per remembered ID        %.1f%n", perId);
    System.out.printf(Locale.ROOT, "ConcurrentHashMap set of 1024 Longs  %d%n", chmWindow);
  }

  private static long arraySize(int length) {
    return GraphLayout.parseInstance((Object) new Object[length]).totalSize();
  }

  private static void require(MessageOutcome outcome) {
    if (outcome != MessageOutcome.ACCEPTED) {
      throw new IllegalStateException("unexpected " + outcome);
    }
  }
}
