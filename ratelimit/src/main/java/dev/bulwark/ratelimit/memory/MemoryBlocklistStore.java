package dev.bulwark.ratelimit.memory;

import static dev.bulwark.ratelimit.internal.Checks.requireArgument;
import static dev.bulwark.ratelimit.internal.Checks.requireInRange;
import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.ratelimit.Ticker;
import dev.bulwark.ratelimit.spi.BlocklistStore;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.LongAdder;

/**
 * The in-memory {@link BlocklistStore} for one process, on Caffeine. It never fails.
 *
 * <p>Each ban is one entry holding its deadline on the injected {@link Ticker}, with a per-entry
 * expiry at that deadline, so a ban disappears by itself when it ends and costs nothing afterwards.
 * {@link #block} is one atomic {@code compute} on the key. Deadlines are compared by difference, so
 * a ticker that wraps is handled; a ticker that steps back only lengthens bans.
 *
 * <p><b>The bound.</b> At most {@link Builder#maximumKeys} bans are kept (1,000,000 by default).
 * Past it Caffeine evicts a ban early, which lets that key back in: size the bound well above the
 * bans you expect, and alert on {@link #evictionCount()}.
 *
 * <p>This class is thread-safe.
 */
public final class MemoryBlocklistStore implements BlocklistStore {

  /** The default bound on bans kept. */
  public static final long DEFAULT_MAXIMUM_KEYS = 1_000_000;

  private final Ticker ticker;
  private final Cache<String, Long> bans;
  private final LongAdder evictions = new LongAdder();

  private MemoryBlocklistStore(Builder b) {
    this.ticker = b.ticker;
    this.bans =
        Caffeine.newBuilder()
            .ticker(b.ticker::read)
            .executor(b.executor)
            .maximumSize(b.maximumKeys)
            .expireAfter(new DeadlineExpiry())
            .removalListener(
                (String k, Long deadline, RemovalCause cause) -> {
                  if (cause == RemovalCause.SIZE) {
                    evictions.increment();
                  }
                })
            .build();
  }

  /** Returns a store with the system ticker and the default bound. */
  public static MemoryBlocklistStore create() {
    return builder().build();
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public long block(String key, long ttlNanos) {
    checkKey(key);
    requireInRange("ttlNanos", ttlNanos, 1, MAX_TTL_NANOS);
    long now = ticker.read();
    Long deadline =
        bans.asMap()
            .compute(
                key,
                (k, current) ->
                    current != null && current - now >= ttlNanos ? current : now + ttlNanos);
    return deadline - now;
  }

  @Override
  public long remainingNanos(String key) {
    checkKey(key);
    Long deadline = bans.getIfPresent(key);
    if (deadline == null) {
      return 0;
    }
    return Math.max(0, deadline - ticker.read());
  }

  @Override
  public boolean unblock(String key) {
    checkKey(key);
    Long deadline = bans.asMap().remove(key);
    return deadline != null && deadline - ticker.read() > 0;
  }

  /** The approximate number of bans held, expired ones not yet cleaned up included. */
  public long estimatedSize() {
    return bans.estimatedSize();
  }

  /** The number of bans dropped early because the bound was reached. */
  public long evictionCount() {
    return evictions.sum();
  }

  /** Removes ended bans now, in the calling thread. */
  public void cleanUp() {
    bans.cleanUp();
  }

  // Null is an argument error here, like every other bad key: the caller may pass untrusted input.
  private static void checkKey(String key) {
    requireArgument(key != null, "key must not be null");
    requireInRange("key length", key.length(), 1, MAX_KEY_LENGTH);
  }

  @Override
  public String toString() {
    return "MemoryBlocklistStore[~" + bans.estimatedSize() + " bans]";
  }

  /** Expires each entry at the deadline it holds. */
  private static final class DeadlineExpiry implements Expiry<String, Long> {
    @Override
    public long expireAfterCreate(String key, Long deadline, long currentTime) {
      return Math.max(0, deadline - currentTime);
    }

    @Override
    public long expireAfterUpdate(
        String key, Long deadline, long currentTime, long currentDuration) {
      return Math.max(0, deadline - currentTime);
    }

    @Override
    public long expireAfterRead(String key, Long deadline, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }

  /** Builds a {@link MemoryBlocklistStore}. */
  public static final class Builder {
    private Ticker ticker = Ticker.system();
    private long maximumKeys = DEFAULT_MAXIMUM_KEYS;
    private Executor executor = ForkJoinPool.commonPool();

    private Builder() {}

    /** Sets the time source; {@link Ticker#system()} by default. */
    @CanIgnoreReturnValue
    public Builder ticker(Ticker ticker) {
      this.ticker = requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Sets the most bans kept, from 1 to 2<sup>40</sup>; {@link #DEFAULT_MAXIMUM_KEYS} by default.
     */
    @CanIgnoreReturnValue
    public Builder maximumKeys(long maximumKeys) {
      this.maximumKeys = requireInRange("maximumKeys", maximumKeys, 1, 1L << 40);
      return this;
    }

    /**
     * Sets the executor for Caffeine's maintenance; the common fork-join pool by default. Tests
     * pass {@code Runnable::run} for determinism.
     */
    @CanIgnoreReturnValue
    public Builder executor(Executor executor) {
      this.executor = requireNonNull(executor, "executor");
      return this;
    }

    /** Returns the store. */
    public MemoryBlocklistStore build() {
      return new MemoryBlocklistStore(this);
    }
  }
}
