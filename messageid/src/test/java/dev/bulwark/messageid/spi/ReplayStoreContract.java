package dev.bulwark.messageid.spi;

import static dev.bulwark.messageid.MessageOutcome.ACCEPTED;
import static dev.bulwark.messageid.MessageOutcome.DUPLICATE;
import static dev.bulwark.messageid.MessageOutcome.INVALID_SEQUENCE;
import static dev.bulwark.messageid.MessageOutcome.OUT_OF_ORDER;
import static dev.bulwark.messageid.MessageOutcome.SEQUENCE_TOO_FAR_AHEAD;
import static dev.bulwark.messageid.MessageOutcome.SEQUENCE_TOO_OLD;
import static dev.bulwark.messageid.MessageOutcome.STORE_FULL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.messageid.DedupMode;
import dev.bulwark.messageid.ManualClock;
import dev.bulwark.messageid.MessageId;
import dev.bulwark.messageid.MessageOutcome;
import dev.bulwark.messageid.ReplayPolicy;
import dev.bulwark.messageid.ReplayScope;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ReplayStore}, run against every implementation: the in-memory store here,
 * the Redis store (standalone and Cluster) in {@code bulwark-redis}. Each commit is one atomic
 * test-and-set per scope with the ordering check; checks change nothing; rejections change nothing;
 * state is kept exactly as long as it can matter.
 */
public abstract class ReplayStoreContract {
  /** A 64-bit window (two ring blocks), a jump limit of 1000 and a one-minute reorder tolerance. */
  protected static final ReplayPolicy POLICY =
      ReplayPolicy.builder()
          .windowBits(64)
          .maxJumpAhead(1000)
          .maxPast(Duration.ofHours(1))
          .maxFuture(Duration.ofSeconds(30))
          .reorderTolerance(Duration.ofMinutes(1))
          .build();

  /** The same bounds in random-ID mode. */
  protected static final ReplayPolicy ID_POLICY =
      POLICY.toBuilder().dedupMode(DedupMode.RANDOM_ID).build();

  /** The contract's wall clock; stores that read time themselves are built on it. */
  protected final ManualClock clock = new ManualClock();

  /** The store under test, made fresh (and empty) for each test. */
  protected ReplayStore store;

  private final ReplayScope scope = new ReplayScope("acct-" + UUID.randomUUID(), 1, 1);

  /** Returns an empty store with its default bounds that reads {@code clock} for time. */
  protected abstract ReplayStore newStore(InstantSource clock);

  /** Returns an empty store that holds at most {@code ids} live IDs in a scope. */
  protected abstract ReplayStore newStoreWithIdCapacity(InstantSource clock, int ids);

  /**
   * Called after the contract's clock moved forward by {@code elapsed}: a store whose expiry runs
   * on another clock (a server's) makes the same time pass there.
   */
  protected void timePassed(Duration elapsed) {}

  @BeforeEach
  final void createStore() {
    store = newStore(clock);
  }

  private void passTime(Duration d) {
    clock.advance(d);
    timePassed(d);
  }

  private long now() {
    return clock.millis();
  }

  private MessageOutcome commit(long seq) {
    return store.commitSequence(scope, seq, now(), POLICY);
  }

  private MessageOutcome check(long seq) {
    return store.checkSequence(scope, seq, now(), POLICY);
  }

  private static MessageId randomId() {
    return MessageId.of(UUID.randomUUID());
  }

  @Test
  void aSequenceNumberIsAcceptedOnce() {
    assertThat(commit(7)).isEqualTo(ACCEPTED);
    assertThat(commit(7)).isEqualTo(DUPLICATE);
    assertThat(commit(8)).isEqualTo(ACCEPTED);
    assertThat(commit(6)).as("behind the top, inside the window").isEqualTo(ACCEPTED);
    assertThat(commit(6)).isEqualTo(DUPLICATE);
  }

  @Test
  void anyFirstNumberIsAcceptedEvenZeroOrHuge() {
    assertThat(commit(0)).isEqualTo(ACCEPTED);
    ReplayScope other = new ReplayScope("acct-" + UUID.randomUUID(), 2, 1);
    long huge = Long.MAX_VALUE - 5;
    assertThat(store.commitSequence(other, huge, now(), POLICY)).isEqualTo(ACCEPTED);
    assertThat(store.commitSequence(other, huge, now(), POLICY)).isEqualTo(DUPLICATE);
    assertThat(store.commitSequence(other, huge - 1, now(), POLICY)).isEqualTo(ACCEPTED);
    assertThat(store.commitSequence(other, Long.MAX_VALUE, now(), POLICY)).isEqualTo(ACCEPTED);
    assertThat(store.commitSequence(other, Long.MAX_VALUE - 63, now(), POLICY)).isEqualTo(ACCEPTED);
    assertThat(store.commitSequence(other, Long.MAX_VALUE - 64, now(), POLICY))
        .isEqualTo(SEQUENCE_TOO_OLD);
  }

  @Test
  void theWholeWindowIsTrackedAndNumbersBehindItAreTooOld() {
    assertThat(commit(1000)).isEqualTo(ACCEPTED);
    assertThat(commit(937)).as("top - 63, the window's last number").isEqualTo(ACCEPTED);
    assertThat(commit(937)).isEqualTo(DUPLICATE);
    assertThat(commit(936)).isEqualTo(SEQUENCE_TOO_OLD);
    assertThat(commit(0)).isEqualTo(SEQUENCE_TOO_OLD);
  }

  @Test
  void jumpsBeyondTheLimitAreRefused() {
    assertThat(commit(10)).isEqualTo(ACCEPTED);
    assertThat(commit(1011)).isEqualTo(SEQUENCE_TOO_FAR_AHEAD);
    assertThat(commit(1010)).isEqualTo(ACCEPTED);
  }

  @Test
  void slidingTheWindowClearsTheBlocksItEnters() {
    for (long s = 0; s < 64; s++) {
      assertThat(commit(s)).isEqualTo(ACCEPTED);
    }
    assertThat(commit(130)).as("two blocks ahead: the ring is reused").isEqualTo(ACCEPTED);
    assertThat(commit(66)).as("top - 64").isEqualTo(SEQUENCE_TOO_OLD);
    assertThat(commit(67)).isEqualTo(ACCEPTED);
    assertThat(commit(128)).as("a slot that held 0..63 is clear").isEqualTo(ACCEPTED);
    assertThat(commit(128)).isEqualTo(DUPLICATE);
    assertThat(commit(129)).isEqualTo(ACCEPTED);
    assertThat(commit(200)).isEqualTo(ACCEPTED);
    assertThat(commit(137)).isEqualTo(ACCEPTED);
    assertThat(commit(136)).isEqualTo(SEQUENCE_TOO_OLD);
  }

  @Test
  void aCheckAnswersAsTheCommitWouldAndChangesNothing() {
    assertThat(check(5)).isEqualTo(ACCEPTED);
    assertThat(check(5)).isEqualTo(ACCEPTED);
    assertThat(commit(5)).isEqualTo(ACCEPTED);
    assertThat(check(5)).isEqualTo(DUPLICATE);
    assertThat(check(2000)).isEqualTo(SEQUENCE_TOO_FAR_AHEAD);
    assertThat(check(6)).isEqualTo(ACCEPTED);
    assertThat(commit(6)).isEqualTo(ACCEPTED);
  }

  @Test
  void timestampsBehindTheNewestByMoreThanTheToleranceAreOutOfOrder() {
    long t = now();
    assertThat(store.commitSequence(scope, 1, t, POLICY)).isEqualTo(ACCEPTED);
    long late = t - POLICY.reorderToleranceMillis() - 1;
    assertThat(store.checkSequence(scope, 2, late, POLICY)).isEqualTo(OUT_OF_ORDER);
    assertThat(store.commitSequence(scope, 2, late, POLICY)).isEqualTo(OUT_OF_ORDER);
    assertThat(store.commitSequence(scope, 1, late, POLICY))
        .as("a duplicate is reported first")
        .isEqualTo(DUPLICATE);
    assertThat(store.commitSequence(scope, 2, late + 1, POLICY))
        .as("the rejection marked nothing")
        .isEqualTo(ACCEPTED);
    assertThat(store.commitSequence(scope, 3, t + 10_000, POLICY)).isEqualTo(ACCEPTED);
    assertThat(
            store.commitSequence(
                scope, 4, t + 10_000 - POLICY.reorderToleranceMillis() - 1, POLICY))
        .as("the newest timestamp rose")
        .isEqualTo(OUT_OF_ORDER);
  }

  @Test
  void negativeSequenceNumbersAreInvalid() {
    assertThat(check(-1)).isEqualTo(INVALID_SEQUENCE);
    assertThat(commit(-1)).isEqualTo(INVALID_SEQUENCE);
    assertThat(commit(Long.MIN_VALUE)).isEqualTo(INVALID_SEQUENCE);
    assertThat(commit(3)).isEqualTo(ACCEPTED);
    assertThat(commit(-1)).isEqualTo(INVALID_SEQUENCE);
  }

  @Test
  void invalidateStartsTheWindowAndTheOrderingAfresh() {
    long t = now();
    assertThat(store.commitSequence(scope, 500, t, POLICY)).isEqualTo(ACCEPTED);
    store.invalidate(scope);
    long late = t - POLICY.reorderToleranceMillis() - 1;
    assertThat(store.commitSequence(scope, 1, late, POLICY)).isEqualTo(ACCEPTED);
    assertThat(store.commitSequence(scope, 500, late, POLICY)).isEqualTo(ACCEPTED);
    store.invalidate(new ReplayScope("acct-" + UUID.randomUUID(), 1, 1)); // unknown: a no-op
  }

  @Test
  void scopesAreIndependent() {
    assertThat(commit(5)).isEqualTo(ACCEPTED);
    ReplayScope otherDevice = new ReplayScope(scope.account(), 2, 1);
    ReplayScope otherEpoch = new ReplayScope(scope.account(), 1, 2);
    ReplayScope otherAccount = new ReplayScope(scope.account() + "x", 1, 1);
    for (ReplayScope s : List.of(otherDevice, otherEpoch, otherAccount)) {
      assertThat(store.commitSequence(s, 5, now(), POLICY)).isEqualTo(ACCEPTED);
    }
    MessageId id = randomId();
    assertThat(store.commitId(scope, id, now(), ID_POLICY)).isEqualTo(ACCEPTED);
    assertThat(store.commitId(otherDevice, id, now(), ID_POLICY)).isEqualTo(ACCEPTED);
  }

  @Test
  void aRandomIdIsAcceptedOnce() {
    MessageId id = randomId();
    assertThat(store.checkId(scope, id, now(), ID_POLICY)).isEqualTo(ACCEPTED);
    assertThat(store.commitId(scope, id, now(), ID_POLICY)).isEqualTo(ACCEPTED);
    assertThat(store.checkId(scope, id, now(), ID_POLICY)).isEqualTo(DUPLICATE);
    assertThat(store.commitId(scope, id, now(), ID_POLICY)).isEqualTo(DUPLICATE);
    assertThat(store.commitId(scope, randomId(), now(), ID_POLICY)).isEqualTo(ACCEPTED);
  }

  @Test
  void randomIdsAreOrderedByTimestampToo() {
    long t = now();
    assertThat(store.commitId(scope, randomId(), t, ID_POLICY)).isEqualTo(ACCEPTED);
    long late = t - ID_POLICY.reorderToleranceMillis() - 1;
    MessageId id = randomId();
    assertThat(store.checkId(scope, id, late, ID_POLICY)).isEqualTo(OUT_OF_ORDER);
    assertThat(store.commitId(scope, id, late, ID_POLICY)).isEqualTo(OUT_OF_ORDER);
    assertThat(store.commitId(scope, id, late + 1, ID_POLICY))
        .as("the rejection inserted nothing")
        .isEqualTo(ACCEPTED);
    assertThat(store.commitSequence(scope, 1, late, POLICY))
        .as("IDs and sequence numbers share the scope's ordering")
        .isEqualTo(OUT_OF_ORDER);
  }

  @Test
  void anIdIsRememberedUntilItsTimestampIsTooOldAndThenForgotten() {
    MessageId id = randomId();
    long t = now();
    assertThat(store.commitId(scope, id, t, ID_POLICY)).isEqualTo(ACCEPTED);
    passTime(ID_POLICY.maxPast());
    assertThat(store.commitId(scope, id, t, ID_POLICY)).as("still remembered").isEqualTo(DUPLICATE);
    passTime(Duration.ofMillis(1));
    assertThat(now()).isEqualTo(ID_POLICY.forgetAfterMillis(t));
    assertThat(store.checkId(scope, id, t, ID_POLICY)).isEqualTo(ACCEPTED);
    assertThat(store.commitId(scope, id, t, ID_POLICY)).isEqualTo(ACCEPTED);
  }

  @Test
  void aScopeIsKeptForTheRetentionAfterItsLastCommitAndThenForgotten() {
    assertThat(commit(5)).isEqualTo(ACCEPTED);
    passTime(POLICY.retention());
    assertThat(commit(5)).as("still kept").isEqualTo(DUPLICATE);
    passTime(POLICY.retention());
    assertThat(commit(5)).as("kept again after the last commit").isEqualTo(DUPLICATE);
    passTime(POLICY.retention().plusMinutes(10));
    assertThat(commit(5)).as("a forgotten scope starts afresh").isEqualTo(ACCEPTED);
  }

  @Test
  void aFullScopeRefusesNewIdsAndForgetsNothing() {
    store = newStoreWithIdCapacity(clock, 3);
    List<MessageId> ids = List.of(randomId(), randomId(), randomId());
    for (MessageId id : ids) {
      assertThat(store.commitId(scope, id, now(), ID_POLICY)).isEqualTo(ACCEPTED);
    }
    MessageId extra = randomId();
    assertThat(store.checkId(scope, extra, now(), ID_POLICY)).isEqualTo(STORE_FULL);
    assertThat(store.commitId(scope, extra, now(), ID_POLICY)).isEqualTo(STORE_FULL);
    long late = now() - ID_POLICY.reorderToleranceMillis() - 1;
    assertThat(store.checkId(scope, extra, late, ID_POLICY))
        .as("the ordering is checked before the room")
        .isEqualTo(OUT_OF_ORDER);
    assertThat(store.commitId(scope, extra, late, ID_POLICY)).isEqualTo(OUT_OF_ORDER);
    for (MessageId id : ids) {
      assertThat(store.commitId(scope, id, now(), ID_POLICY)).isEqualTo(DUPLICATE);
    }
    passTime(ID_POLICY.maxPast().plusMillis(1));
    assertThat(store.commitId(scope, extra, now(), ID_POLICY))
        .as("room again once the IDs may be forgotten")
        .isEqualTo(ACCEPTED);
  }

  @Test
  void badInputIsRefusedAndChangesNothing() {
    MessageId id = randomId();
    assertThat(store.commitId(scope, id, now(), ID_POLICY)).isEqualTo(ACCEPTED);
    assertThat(commit(9)).isEqualTo(ACCEPTED);
    assertThatThrownBy(() -> store.commitId(null, randomId(), now(), ID_POLICY))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.commitId(scope, null, now(), ID_POLICY))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.commitSequence(null, 10, now(), POLICY))
        .isInstanceOf(NullPointerException.class);
    assertThat(store.commitId(scope, id, now(), ID_POLICY)).isEqualTo(DUPLICATE);
    assertThat(commit(9)).isEqualTo(DUPLICATE);
    assertThat(commit(10)).isEqualTo(ACCEPTED);
  }

  @Test
  void ofConcurrentSubmissionsOfOneIdExactlyOneIsAccepted() throws Exception {
    MessageId id = randomId();
    long t = now();
    List<MessageOutcome> answers = race(16, i -> () -> store.commitId(scope, id, t, ID_POLICY));
    assertThat(answers).filteredOn(o -> o == ACCEPTED).hasSize(1);
    assertThat(answers).filteredOn(o -> o == DUPLICATE).hasSize(15);
  }

  @Test
  void ofConcurrentSubmissionsOfOneNumberExactlyOneIsAccepted() throws Exception {
    assertThat(commit(100)).isEqualTo(ACCEPTED);
    long t = now();
    List<MessageOutcome> answers = race(16, i -> () -> store.commitSequence(scope, 90, t, POLICY));
    assertThat(answers).filteredOn(o -> o == ACCEPTED).hasSize(1);
    assertThat(answers).filteredOn(o -> o == DUPLICATE).hasSize(15);
  }

  @Test
  void concurrentDistinctNumbersAreEachAcceptedOnce() throws Exception {
    long t = now();
    List<MessageOutcome> answers =
        race(
            16,
            i ->
                () -> {
                  MessageOutcome worst = ACCEPTED;
                  for (int k = 0; k < 4; k++) {
                    MessageOutcome o = store.commitSequence(scope, i * 4L + k, t, POLICY);
                    worst = o == ACCEPTED ? worst : o;
                  }
                  return worst;
                });
    assertThat(answers).containsOnly(ACCEPTED);
    for (long s = 0; s < 64; s++) {
      assertThat(commit(s)).isEqualTo(DUPLICATE);
    }
  }

  @Test
  void theAsyncFormsAnswerAsTheBlockingOnes() throws Exception {
    MessageId id = randomId();
    assertThat(store.commitIdAsync(scope, id, now(), ID_POLICY).toCompletableFuture().get())
        .isEqualTo(ACCEPTED);
    assertThat(store.commitIdAsync(scope, id, now(), ID_POLICY).toCompletableFuture().get())
        .isEqualTo(DUPLICATE);
    assertThat(store.commitSequenceAsync(scope, 3, now(), POLICY).toCompletableFuture().get())
        .isEqualTo(ACCEPTED);
    assertThat(store.commitSequenceAsync(scope, 3, now(), POLICY).toCompletableFuture().get())
        .isEqualTo(DUPLICATE);
  }

  /** Runs one task per thread, all released together, and returns their answers. */
  protected static <T> List<T> race(int threads, IntFunction<Callable<T>> tasks) throws Exception {
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Callable<T> task = tasks.apply(t);
        futures.add(
            pool.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  return task.call();
                }));
      }
      List<T> answers = new ArrayList<>();
      for (Future<T> f : futures) {
        answers.add(f.get(30, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }
}
