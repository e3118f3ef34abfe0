package dev.bulwark.verification.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link OtpReplayStore}, run against every implementation: the in-memory store
 * here, the Redis store (standalone and Cluster) in {@code bulwark-redis}. Values only go up, one
 * atomic test-and-set per call, and a record is kept at least as long as any accepted value asked.
 */
public abstract class OtpReplayStoreContract {
  /** The contract's clock; stores that read time themselves are built on it. */
  protected final StoreTestClock clock = new StoreTestClock();

  /** The store under test, made fresh (and empty) for each test. */
  protected OtpReplayStore store;

  private final String c = "cred-" + UUID.randomUUID();

  /** Returns an empty store that reads {@code clock} wherever it needs the time itself. */
  protected abstract OtpReplayStore newStore(InstantSource clock);

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

  private long in(long minutes) {
    return clock.millis() + TimeUnit.MINUTES.toMillis(minutes);
  }

  @Test
  void valuesOnlyGoUp() {
    assertThat(store.lastAccepted(c)).isEqualTo(OtpReplayStore.NONE);
    assertThat(store.tryAdvance(c, 10, in(1))).isTrue();
    assertThat(store.tryAdvance(c, 10, in(1))).isFalse();
    assertThat(store.tryAdvance(c, 9, in(1))).isFalse();
    assertThat(store.tryAdvance(c, 11, in(1))).isTrue();
    assertThat(store.lastAccepted(c)).isEqualTo(11);
  }

  @Test
  void credentialsAreIndependent() {
    assertThat(store.tryAdvance(c, 10, in(1))).isTrue();
    assertThat(store.tryAdvance(c + "-other", 10, in(1))).isTrue();
    assertThat(store.lastAccepted(c + "-third")).isEqualTo(OtpReplayStore.NONE);
  }

  @Test
  void valuesAreComparedAsFull64BitIntegers() {
    long big = (1L << 53) + 1; // not exact as a double
    assertThat(store.tryAdvance(c, big, Long.MAX_VALUE)).isTrue();
    assertThat(store.tryAdvance(c, big, Long.MAX_VALUE)).isFalse();
    assertThat(store.tryAdvance(c, big - 1, Long.MAX_VALUE)).isFalse();
    assertThat(store.tryAdvance(c, big + 1, Long.MAX_VALUE)).isTrue();
    assertThat(store.tryAdvance(c, Long.MAX_VALUE - 1, Long.MAX_VALUE)).isTrue();
    assertThat(store.tryAdvance(c, Long.MAX_VALUE, Long.MAX_VALUE)).isTrue();
    assertThat(store.tryAdvance(c, Long.MAX_VALUE, Long.MAX_VALUE)).isFalse();
    assertThat(store.lastAccepted(c)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void theFirstValueMayBeZero() {
    assertThat(store.tryAdvance(c, 0, in(1))).isTrue();
    assertThat(store.tryAdvance(c, 0, in(1))).isFalse();
    assertThat(store.lastAccepted(c)).isZero();
  }

  @Test
  void aRecordIsKeptUntilItsRetentionAndThenForgotten() {
    assertThat(store.tryAdvance(c, 10, in(2))).isTrue();
    passTime(Duration.ofMinutes(2).minusMillis(1));
    assertThat(store.tryAdvance(c, 10, in(2))).as("still retained").isFalse();
    passTime(Duration.ofMinutes(30));
    assertThat(store.lastAccepted(c)).isEqualTo(OtpReplayStore.NONE);
    assertThat(store.tryAdvance(c, 5, in(2))).as("after retention a record starts afresh").isTrue();
  }

  @Test
  void aLongerRetentionExtendsTheRecord() {
    assertThat(store.tryAdvance(c, 10, in(2))).isTrue();
    assertThat(store.tryAdvance(c, 11, in(20))).isTrue();
    passTime(Duration.ofMinutes(19));
    assertThat(store.lastAccepted(c)).isEqualTo(11);
  }

  @Test
  void aShorterRetentionDoesNotShortenTheRecord() {
    assertThat(store.tryAdvance(c, 10, in(20))).isTrue();
    assertThat(store.tryAdvance(c, 11, in(1))).isTrue();
    passTime(Duration.ofMinutes(19));
    assertThat(store.tryAdvance(c, 11, in(1))).as("still retained").isFalse();
  }

  @Test
  void countersRetainedForeverStay() {
    assertThat(store.tryAdvance(c, 3, Long.MAX_VALUE)).isTrue();
    passTime(Duration.ofDays(3650));
    assertThat(store.lastAccepted(c)).isEqualTo(3);
  }

  @Test
  void forgetStartsAfresh() {
    assertThat(store.tryAdvance(c, 10, Long.MAX_VALUE)).isTrue();
    store.forget(c);
    store.forget(c + "-unknown");
    assertThat(store.lastAccepted(c)).isEqualTo(OtpReplayStore.NONE);
    assertThat(store.tryAdvance(c, 1, Long.MAX_VALUE)).isTrue();
  }

  @Test
  void badInputIsRefusedAndChangesNothing() {
    assertThat(store.tryAdvance(c, 10, in(5))).isTrue();
    assertThatThrownBy(() -> store.tryAdvance(null, 11, in(5)))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.lastAccepted(null)).isInstanceOf(NullPointerException.class);
    assertThat(store.lastAccepted(c)).isEqualTo(10);
  }

  @Test
  void ofConcurrentCallsWithOneValueExactlyOneWins() throws Exception {
    List<Boolean> answers = ContractRace.run(16, t -> () -> store.tryAdvance(c, 42, in(2)));
    assertThat(answers).filteredOn(a -> a).hasSize(1);
    assertThat(store.lastAccepted(c)).isEqualTo(42);
  }

  @Test
  void concurrentRisingValuesNeverLowerTheRecord() throws Exception {
    List<Boolean> answers =
        ContractRace.run(
            16,
            t ->
                () -> {
                  boolean any = false;
                  for (int v = 0; v < 20; v++) {
                    any |= store.tryAdvance(c, v * 16L + t, in(2));
                  }
                  return any;
                });
    assertThat(answers).contains(true);
    assertThat(store.lastAccepted(c)).isEqualTo(19 * 16L + 15);
  }

  @Test
  void theAsyncFormsAnswerAsTheBlockingOnes() throws Exception {
    assertThat(store.tryAdvanceAsync(c, 7, in(1)).toCompletableFuture().get()).isTrue();
    assertThat(store.tryAdvanceAsync(c, 7, in(1)).toCompletableFuture().get()).isFalse();
    assertThat(store.lastAcceptedAsync(c).toCompletableFuture().get()).isEqualTo(7);
  }
}
