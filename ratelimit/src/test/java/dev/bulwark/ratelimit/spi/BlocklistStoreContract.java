package dev.bulwark.ratelimit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link BlocklistStore}, as its javadoc states it: a ban holds from {@code
 * block} until its TTL has passed on the store's clock and not after, blocking again never shortens
 * a ban, unblocking lifts it at once, out-of-range arguments are refused and store nothing, and
 * concurrent bans of one key keep the longest. Implementations extend this class and say how to
 * build a fresh, empty store on the given clock.
 *
 * <p>A store may keep deadlines at a coarser resolution than a nanosecond ({@link
 * #resolutionNanos()}); it then rounds a TTL up, never down.
 */
public abstract class BlocklistStoreContract {
  private static final String KEY = "ip:203.0.113.9";
  private static final long MINUTE = Duration.ofMinutes(1).toNanos();

  /** The store's clock: tests move it. */
  protected final ContractClock clock = new ContractClock();

  private BlocklistStore store;

  /** Returns an empty store that reads time from {@code clock}. */
  protected abstract BlocklistStore newStore(ContractClock clock);

  /**
   * The store's resolution in nanoseconds (1 by default): TTLs are rounded up to a multiple of it
   * and answers are multiples of it.
   */
  protected long resolutionNanos() {
    return 1;
  }

  @BeforeEach
  final void createStore() {
    store = newStore(clock);
  }

  private long roundedUp(long nanos) {
    long r = resolutionNanos();
    return -Math.floorDiv(-nanos, r) * r;
  }

  /**
   * A key blocked for a TTL is blocked at every moment before the TTL (rounded up to the store's
   * resolution) has passed, and not from the moment it has.
   */
  @Test
  void aBanHoldsForExactlyItsTtlThenEnds() {
    AtomicInteger example = new AtomicInteger();
    qt().withExamples(40)
        .withShrinkCycles(50)
        .forAll(longs().between(1, BlocklistStore.MAX_TTL_NANOS), longs().between(0, 999_999))
        .checkAssert(
            (ttl, permille) -> {
              String key = KEY + "/" + example.incrementAndGet();
              long given = store.block(key, ttl);
              assertThat(given).isEqualTo(roundedUp(ttl));
              // Probes in time order: a random moment before the deadline, the last nanosecond
              // before it, the deadline.
              long before = (long) ((double) given * permille / 1_000_000);
              clock.advanceNanos(before);
              assertThat(store.remainingNanos(key))
                  .isBetween(given - before, given - before + resolutionNanos() - 1);
              clock.advanceNanos(given - 1 - before);
              assertThat(store.remainingNanos(key)).isBetween(1L, resolutionNanos());
              clock.advanceNanos(1);
              assertThat(store.remainingNanos(key)).isZero();
              assertThat(store.unblock(key)).isFalse();
            });
  }

  @Test
  void blockingAgainNeverShortensABan() {
    assertThat(store.block(KEY, 10 * MINUTE)).isEqualTo(10 * MINUTE);
    clock.advance(Duration.ofMinutes(2));
    assertThat(store.block(KEY, 5 * MINUTE)).isEqualTo(8 * MINUTE);
    assertThat(store.remainingNanos(KEY)).isEqualTo(8 * MINUTE);
    assertThat(store.block(KEY, 20 * MINUTE)).isEqualTo(20 * MINUTE);
    clock.advance(Duration.ofMinutes(19));
    assertThat(store.remainingNanos(KEY)).isEqualTo(MINUTE);
    // An ended ban is replaced, not extended.
    clock.advance(Duration.ofMinutes(5));
    assertThat(store.block(KEY, 3 * MINUTE)).isEqualTo(3 * MINUTE);
  }

  @Test
  void unblockingLiftsABanAtOnceAndSaysWhetherThereWasOne() {
    assertThat(store.unblock(KEY)).isFalse();
    long ignored = store.block(KEY, 10 * MINUTE);
    assertThat(store.unblock(KEY)).isTrue();
    assertThat(store.remainingNanos(KEY)).isZero();
    assertThat(store.unblock(KEY)).isFalse();
    // A ban blocked again after being lifted starts afresh.
    assertThat(store.block(KEY, MINUTE)).isEqualTo(MINUTE);
  }

  @Test
  void theAsyncFormAgreesWithTheBlockingOne() throws Exception {
    long ignored = store.block(KEY, 90_000_000_000L);
    clock.advance(Duration.ofSeconds(30));
    assertThat(store.remainingNanosAsync(KEY).toCompletableFuture().get(5, TimeUnit.SECONDS))
        .isEqualTo(60_000_000_000L)
        .isEqualTo(store.remainingNanos(KEY));
    assertThat(
            store.remainingNanosAsync("elsewhere").toCompletableFuture().get(5, TimeUnit.SECONDS))
        .isZero();
  }

  @Test
  void keysAreIndependentAndMayBeAnyTextUpToTheLimit() {
    String longest = "ключ🔑".repeat(BlocklistStore.MAX_KEY_LENGTH / 6);
    List<String> keys = List.of("a", KEY, KEY + " ", longest, "{tag}x", "*", "\u0000\n");
    for (int i = 0; i < keys.size(); i++) {
      assertThat(store.block(keys.get(i), (i + 1) * MINUTE)).isEqualTo((i + 1) * MINUTE);
    }
    for (int i = 0; i < keys.size(); i++) {
      assertThat(store.remainingNanos(keys.get(i))).isEqualTo((i + 1) * MINUTE);
    }
    String atLimit = "x".repeat(BlocklistStore.MAX_KEY_LENGTH);
    assertThat(store.block(atLimit, MINUTE)).isEqualTo(MINUTE);
    assertThat(store.unblock(atLimit)).isTrue();
    assertThat(store.remainingNanos(KEY + "  ")).isZero();
  }

  @Test
  void anOutOfRangeTtlIsRefusedAndChangesNothing() {
    long ignored = store.block(KEY, MINUTE);
    for (long bad :
        new long[] {0, -1, Long.MIN_VALUE, BlocklistStore.MAX_TTL_NANOS + 1, Long.MAX_VALUE}) {
      assertThatThrownBy(() -> store.block(KEY, bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ttlNanos must be between 1 and")
          .hasMessageNotContaining(KEY);
      assertThatThrownBy(() -> store.block("fresh", bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(store.remainingNanos(KEY)).isEqualTo(MINUTE);
    assertThat(store.remainingNanos("fresh")).isZero();
  }

  /**
   * A store key that is null, empty or longer than {@link BlocklistStore#MAX_KEY_LENGTH} is refused
   * by every operation, which stores nothing and never echoes the key.
   */
  @Test
  void anOutOfRangeKeyIsRefusedAndStoresNothing() {
    long ignored = store.block(KEY, MINUTE);
    qt().withExamples(30)
        .withShrinkCycles(50)
        .forAll(
            integers().between(BlocklistStore.MAX_KEY_LENGTH + 1, 100_000),
            strings().basicLatinAlphabet().ofLength(1))
        .checkAssert(
            (length, c) -> {
              String huge = c.repeat(length);
              for (String bad : new String[] {huge, "", null}) {
                assertThatThrownBy(() -> store.block(bad, MINUTE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(huge));
                assertThatThrownBy(() -> store.remainingNanos(bad))
                    .isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> store.unblock(bad))
                    .isInstanceOf(IllegalArgumentException.class);
                CompletableFuture<Long> async =
                    store.remainingNanosAsync(bad).toCompletableFuture();
                assertThatThrownBy(() -> async.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IllegalArgumentException.class);
              }
            });
    assertThat(store.remainingNanos(KEY)).isEqualTo(MINUTE);
    assertThat(store.remainingNanos(KEY.substring(0, 1))).isZero();
  }

  /** Concurrent bans of one key leave the longest of them, whatever the interleaving. */
  @Test
  void concurrentBansOfOneKeyKeepTheLongest() throws Exception {
    AtomicInteger next = new AtomicInteger();
    List<Long> longestSeen =
        Concurrently.run(
            8,
            () -> {
              long longest = 0;
              for (int i = 0; i < 50; i++) {
                long ttl = next.incrementAndGet() * MINUTE;
                long given = store.block(KEY, ttl);
                assertThat(given).isGreaterThanOrEqualTo(ttl);
                longest = Math.max(longest, given);
              }
              return longest;
            });
    assertThat(longestSeen).contains(400 * MINUTE);
    assertThat(store.remainingNanos(KEY)).isEqualTo(400 * MINUTE);
  }
}
