package dev.bulwark.ratelimit.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.memory.MemoryBlocklistStore;
import dev.bulwark.ratelimit.spi.BlocklistStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The blocklist's guarantees, stated as properties over random TTLs, random probe times and random
 * junk. Each test name is the guarantee; a reviewer can read this class as the specification.
 *
 * <p>Time is a manual ticker starting at a random point (negative and near-wrapping values
 * included, since a ticker's absolute value means nothing), and TTLs go from 1 ns to 366 days.
 */
class BlocklistProperties {
  private static final int EXAMPLES = 500;
  private static final RateLimitKey KEY = RateLimitKey.phone("+15550100000");

  /** A blocklist over a fresh in-memory store on a manual ticker. */
  private static final class Fixture {
    final AtomicLong now;
    final MemoryBlocklistStore store;
    final Blocklist blocklist;

    Fixture(long start) {
      now = new AtomicLong(start);
      store = MemoryBlocklistStore.builder().ticker(now::get).executor(Runnable::run).build();
      blocklist = Blocklist.builder(store).build();
    }
  }

  /**
   * A key blocked for a TTL is blocked at every moment before the TTL has passed, and is no longer
   * blocked from the moment it has: the blocklist never forgets early and always forgets. Its entry
   * is reclaimed a few seconds later.
   */
  @Test
  void aBanHoldsForExactlyItsTtlThenIsForgotten() {
    qt().withExamples(EXAMPLES)
        .forAll(
            longs().all(),
            longs().between(1, BlocklistStore.MAX_TTL_NANOS),
            longs().between(0, 1_000_000))
        .checkAssert(
            (start, ttl, permille) -> {
              Fixture f = new Fixture(start);
              Duration given = f.blocklist.block(KEY, Duration.ofNanos(ttl));
              assertThat(given.toNanos()).isEqualTo(ttl);
              // Probes in time order: a random moment before the deadline, the last nanosecond
              // before it, then the deadline or a random moment after it.
              long offset = (long) ((double) ttl * 2 * permille / 1_000_000);
              long before = Math.min(offset, ttl - 1);
              f.now.set(start + before);
              assertThat(f.blocklist.isBlocked(KEY)).isTrue();
              assertThat(f.blocklist.remaining(KEY).toNanos()).isEqualTo(ttl - before);
              f.now.set(start + ttl - 1);
              assertThat(f.blocklist.isBlocked(KEY)).isTrue();
              f.now.set(start + Math.max(offset, ttl));
              assertThat(f.blocklist.isBlocked(KEY)).isFalse();
              assertThat(f.blocklist.remaining(KEY)).isZero();
              // The memory goes too, within the expiry timer's granularity (about a second).
              f.now.addAndGet(Duration.ofSeconds(3).toNanos());
              f.store.cleanUp();
              assertThat(f.store.estimatedSize()).isZero();
            });
  }

  /** Blocking a key again never shortens its ban: it ends at the later of the two deadlines. */
  @Test
  void blockingAgainNeverShortensABan() {
    qt().withExamples(EXAMPLES)
        .forAll(
            longs().between(1, 1_000_000_000_000L),
            longs().between(1, 1_000_000_000_000L),
            longs().between(0, 2_000_000_000_000L))
        .checkAssert(
            (first, second, gap) -> {
              Fixture f = new Fixture(0);
              Duration ignored = f.blocklist.block(KEY, Duration.ofNanos(first));
              f.now.addAndGet(gap);
              long expected = Math.max(first - gap, second);
              assertThat(f.blocklist.block(KEY, Duration.ofNanos(second)).toNanos())
                  .isEqualTo(expected);
              assertThat(f.blocklist.remaining(KEY).toNanos()).isEqualTo(expected);
            });
  }

  /** Unblocking lifts a ban at once, and reports whether there was one. */
  @Test
  void unblockingLiftsABanAtOnce() {
    qt().withExamples(EXAMPLES)
        .forAll(longs().between(1, 1_000_000_000_000L), longs().between(0, 2_000_000_000_000L))
        .checkAssert(
            (ttl, wait) -> {
              Fixture f = new Fixture(0);
              Duration ignored = f.blocklist.block(KEY, Duration.ofNanos(ttl));
              f.now.addAndGet(wait);
              assertThat(f.blocklist.unblock(KEY)).isEqualTo(wait < ttl);
              assertThat(f.blocklist.isBlocked(KEY)).isFalse();
            });
  }

  /** A TTL that is zero, negative or longer than 366 days is refused and stores nothing. */
  @Test
  void anOutOfRangeTtlIsRefusedAndStoresNothing() {
    qt().withExamples(EXAMPLES)
        .forAll(longs().all())
        .assuming(ttl -> ttl <= 0 || ttl > BlocklistStore.MAX_TTL_NANOS)
        .checkAssert(
            ttl -> {
              Fixture f = new Fixture(0);
              assertThatThrownBy(() -> f.blocklist.block(KEY, Duration.ofNanos(ttl)))
                  .isInstanceOf(IllegalArgumentException.class);
              assertThatThrownBy(() -> f.store.block("k", ttl))
                  .isInstanceOf(IllegalArgumentException.class);
              f.store.cleanUp();
              assertThat(f.store.estimatedSize()).isZero();
              assertThat(f.blocklist.isBlocked(KEY)).isFalse();
            });
  }

  // Refusing out-of-range store keys is the store's contract: see BlocklistStoreContract.
}
