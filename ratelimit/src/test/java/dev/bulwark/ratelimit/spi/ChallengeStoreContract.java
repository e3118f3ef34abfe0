package dev.bulwark.ratelimit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link ChallengeStore}: single use under races, values handed out at most
 * once, entries that last their time to live and then vanish, and null arguments refused without a
 * trace. Implementations extend this class and say how to build a fresh, empty store on the given
 * clock, and how to let time pass for it.
 */
public abstract class ChallengeStoreContract {
  /** The time to live of the entries that the expiry tests watch vanish. */
  protected static final Duration SHORT_TTL = Duration.ofMillis(300);

  private static final Duration LONG_TTL = Duration.ofMinutes(5);
  private static final String ID = "token:8f14e45fceea167a5a36dedd4bea2543";
  private static final byte[] DIGEST = {0, 1, 2, 3, 4, 5, 6, 7, (byte) 0xff, 1, 0};

  /** The store's clock, for stores that read one. */
  protected final ContractClock clock = new ContractClock();

  private ChallengeStore store;

  /** Returns an empty store that reads time from {@code clock}. */
  protected abstract ChallengeStore newStore(ContractClock clock);

  /**
   * Lets {@code d} pass for the store's entries. By default this advances the clock; a store whose
   * entries expire by a server's own clock overrides it to wait.
   */
  protected void elapse(Duration d) {
    clock.advance(d);
  }

  @BeforeEach
  final void createStore() {
    store = newStore(clock);
  }

  @Test
  void aTimeToLiveOutsideOneNanosecondToTheMaximumIsRefusedAndStoresNothing() {
    for (Duration bad :
        new Duration[] {
          Duration.ZERO,
          Duration.ofNanos(-1),
          Duration.ofDays(-1),
          ChallengeStore.MAX_TTL.plusNanos(1)
        }) {
      assertThatThrownBy(() -> store.markUsed(ID, bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ttl must be between")
          .hasMessageNotContaining(ID);
      assertThatThrownBy(() -> store.put(ID + "d", DIGEST, bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining(ID);
    }
    assertThat(store.take(ID + "d")).isNull();
    assertThat(store.markUsed(ID, ChallengeStore.MAX_TTL)).isTrue();
  }

  @Test
  void markUsedIsTrueOnlyTheFirstTime() {
    assertThat(store.markUsed(ID, LONG_TTL)).isTrue();
    assertThat(store.markUsed(ID, LONG_TTL)).isFalse();
    assertThat(store.markUsed(ID, Duration.ofDays(1))).isFalse();
    assertThat(store.markUsed(ID + "x", LONG_TTL)).isTrue();
  }

  @Test
  void aMarkLastsItsTimeToLiveThenVanishes() {
    assertThat(store.markUsed(ID, SHORT_TTL)).isTrue();
    assertThat(store.markUsed("other", LONG_TTL)).isTrue();
    assertThat(store.markUsed(ID, SHORT_TTL)).isFalse();
    elapse(SHORT_TTL.plusMillis(100));
    assertThat(store.markUsed(ID, LONG_TTL)).isTrue();
    assertThat(store.markUsed("other", LONG_TTL)).isFalse();
  }

  @Test
  void takeHandsOutAStoredDigestOnce() {
    store.put(ID, DIGEST, LONG_TTL);
    assertThat(store.take(ID)).isEqualTo(DIGEST);
    assertThat(store.take(ID)).isNull();
    assertThat(store.take("never-stored")).isNull();
  }

  @Test
  void putReplacesAnEarlierDigestOrMark() {
    store.put(ID, new byte[] {9, 9}, LONG_TTL);
    store.put(ID, DIGEST, LONG_TTL);
    assertThat(store.take(ID)).isEqualTo(DIGEST);

    assertThat(store.markUsed("marked", LONG_TTL)).isTrue();
    store.put("marked", DIGEST, LONG_TTL);
    // The identifier is taken: it cannot be marked again while the digest is there.
    assertThat(store.markUsed("marked", LONG_TTL)).isFalse();
    assertThat(store.take("marked")).isEqualTo(DIGEST);
  }

  @Test
  void aMarkIsNotADigest() {
    assertThat(store.markUsed(ID, LONG_TTL)).isTrue();
    assertThat(store.take(ID)).isNull();
  }

  @Test
  void aDigestLastsItsTimeToLiveThenVanishes() {
    store.put(ID, DIGEST, SHORT_TTL);
    store.put("other", DIGEST, LONG_TTL);
    elapse(SHORT_TTL.plusMillis(100));
    assertThat(store.take(ID)).isNull();
    assertThat(store.take("other")).isEqualTo(DIGEST);
  }

  @Test
  void digestsOfAnyLengthAndContentRoundTripAsCopies() {
    byte[] empty = new byte[0];
    byte[] allValues = new byte[256];
    for (int i = 0; i < allValues.length; i++) {
      allValues[i] = (byte) i;
    }
    store.put("empty", empty, LONG_TTL);
    store.put("all", allValues, LONG_TTL);
    byte[] expected = allValues.clone();
    allValues[0] = 42; // the store kept its own copy
    assertThat(store.take("empty")).isNotNull().isEmpty();
    assertThat(store.take("all")).isEqualTo(expected);
  }

  @Test
  void nullArgumentsAreRefusedAndStoreNothing() {
    assertThatThrownBy(() -> store.markUsed(null, LONG_TTL))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.markUsed(ID, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.put(null, DIGEST, LONG_TTL))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.put(ID, null, LONG_TTL))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.put(ID, DIGEST, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.take(null)).isInstanceOf(NullPointerException.class);
    assertThat(store.take(ID)).isNull();
    assertThat(store.markUsed(ID, LONG_TTL)).isTrue();
  }

  /** Of any number of concurrent callers marking one identifier, exactly one sees {@code true}. */
  @Test
  void concurrentMarksOfOneIdHaveExactlyOneWinner() throws Exception {
    for (int round = 0; round < 20; round++) {
      String id = ID + round;
      List<Boolean> results = Concurrently.run(8, () -> store.markUsed(id, LONG_TTL));
      assertThat(results).containsOnlyOnce(true).hasSize(8);
    }
  }

  /** Of any number of concurrent callers taking one digest, exactly one receives it. */
  @Test
  void concurrentTakesOfOneDigestHaveExactlyOneWinner() throws Exception {
    for (int round = 0; round < 20; round++) {
      String id = ID + round;
      store.put(id, DIGEST, LONG_TTL);
      List<byte[]> results = Concurrently.run(8, () -> store.take(id));
      assertThat(results.stream().filter(Objects::nonNull).toList())
          .singleElement()
          .isEqualTo(DIGEST);
    }
  }
}
