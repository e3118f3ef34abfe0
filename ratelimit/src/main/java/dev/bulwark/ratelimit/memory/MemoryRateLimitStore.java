package dev.bulwark.ratelimit.memory;

import static dev.bulwark.ratelimit.internal.Checks.requireInRange;
import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.ratelimit.RateLimitDecision;
import dev.bulwark.ratelimit.RatePolicy;
import dev.bulwark.ratelimit.Ticker;
import dev.bulwark.ratelimit.internal.GcraCell;
import dev.bulwark.ratelimit.spi.RateLimitStore;
import dev.bulwark.ratelimit.spi.StoreOperation;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.LongAdder;

/**
 * The in-memory {@link RateLimitStore} for one process, on Caffeine. It never fails.
 *
 * <p><b>Per key</b> it keeps one cell of 24 bytes (one {@code long} per limit) in one Caffeine cache
 * per policy name. A single-limit decision on a known key is lock-free and allocation-free.
 *
 * <p><b>Expiry.</b> Every access sets the entry to expire one burst window (the policy's longest
 * {@code capacity * interval}) after it. By then the key is full again whatever the access took, and
 * a full key is indistinguishable from an absent one, so expiry never changes a decision: idle keys
 * simply vanish.
 *
 * <p><b>The bound.</b> Each policy tracks at most {@link Builder#maximumKeysPerPolicy} keys. When
 * an insert goes past it, Caffeine's W-TinyLFU policy evicts a key, preferring rarely used ones; a
 * flood of one-off keys (an attacker rotating addresses) therefore tends to evict itself rather
 * than the busy keys that are being limited. An evicted key forgets its history and is full again,
 * which can only make that one key more permissive: size the bound above the number of keys that
 * can be active within one burst window. {@link #evictionCount()} counts such evictions.
 *
 * <p>This class is thread-safe.
 */
public final class MemoryRateLimitStore implements RateLimitStore {

  /** The default bound on tracked keys per policy. */
  public static final long DEFAULT_MAXIMUM_KEYS_PER_POLICY = 1_000_000;

  private final Ticker ticker;
  private final long maximumKeysPerPolicy;
  private final Executor executor;
  private final ConcurrentHashMap<String, PolicyTable> tables = new ConcurrentHashMap<>();
  private final LongAdder evictions = new LongAdder();

  private MemoryRateLimitStore(Builder b) {
    this.ticker = b.ticker;
    this.maximumKeysPerPolicy = b.maximumKeysPerPolicy;
    this.executor = b.executor;
  }

  /** Returns a store with the system ticker and the default bound. */
  public static MemoryRateLimitStore create() {
    return builder().build();
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public boolean tryAcquire(RatePolicy policy, String key) {
    // Read the time before the lookup: Caffeine's own reading is then no earlier, so the expiry it
    // sets (its reading + one window) is never before the TAT written here (at most now + window).
    long now = ticker.read();
    PolicyTable table = table(policy);
    if (policy.limitCount() == 1) {
      GcraCell cell = table.cell(key, now);
      return cell.tryAcquire(policy.intervalNanos(0), policy.burstWindowNanos(0), now);
    }
    return table.cell(key, now).apply(policy, StoreOperation.ACQUIRE, 1, now).isAllowed();
  }

  @Override
  public RateLimitDecision apply(
      RatePolicy policy, String key, StoreOperation operation, int permits) {
    long now = ticker.read();
    PolicyTable table = table(policy);
    if (operation == StoreOperation.RESET) {
      table.cells.invalidate(key);
      return RateLimitDecision.allowed(policy.minCapacity(), 0);
    }
    return table.cell(key, now).apply(policy, operation, permits, now);
  }

  /** The approximate number of keys tracked for the policy called {@code policyName}. */
  public long estimatedKeyCount(String policyName) {
    PolicyTable table = tables.get(policyName);
    return table == null ? 0 : table.cells.estimatedSize();
  }

  /** The number of keys evicted because a policy reached its bound (not counting expiry). */
  public long evictionCount() {
    return evictions.sum();
  }

  /** Performs pending maintenance (expiry, eviction) now rather than on a later access. */
  public void cleanUp() {
    tables.values().forEach(t -> t.cells.cleanUp());
  }

  private PolicyTable table(RatePolicy policy) {
    PolicyTable table = tables.get(policy.name());
    if (table == null) {
      table = tables.computeIfAbsent(policy.name(), name -> new PolicyTable(this));
    }
    if (table.policy != policy) {
      table.adopt(policy);
    }
    return table;
  }

  /** The keys of one policy. */
  private static final class PolicyTable implements Expiry<String, GcraCell> {
    final Cache<String, GcraCell> cells;
    volatile RatePolicy policy;
    volatile long windowNanos;

    PolicyTable(MemoryRateLimitStore store) {
      Ticker ticker = store.ticker;
      this.cells =
          Caffeine.newBuilder()
              .ticker(ticker::read)
              .executor(store.executor)
              .maximumSize(store.maximumKeysPerPolicy)
              .expireAfter(this)
              .removalListener(
                  (String k, GcraCell v, RemovalCause cause) -> {
                    if (cause == RemovalCause.SIZE) {
                      store.evictions.increment();
                    }
                  })
              .build();
    }

    void adopt(RatePolicy newPolicy) {
      windowNanos = newPolicy.maxBurstWindowNanos();
      policy = newPolicy;
    }

    GcraCell cell(String key, long now) {
      GcraCell cell = cells.getIfPresent(key);
      return cell != null ? cell : cells.get(key, k -> new GcraCell(now));
    }

    @Override
    public long expireAfterCreate(String key, GcraCell value, long currentTime) {
      return windowNanos;
    }

    @Override
    public long expireAfterUpdate(
        String key, GcraCell value, long currentTime, long currentDuration) {
      return windowNanos;
    }

    @Override
    public long expireAfterRead(String key, GcraCell value, long currentTime, long currentDuration) {
      return windowNanos;
    }
  }

  /** Builds a {@link MemoryRateLimitStore}. */
  public static final class Builder {
    private Ticker ticker = Ticker.system();
    private long maximumKeysPerPolicy = DEFAULT_MAXIMUM_KEYS_PER_POLICY;
    private Executor executor = ForkJoinPool.commonPool();

    private Builder() {}

    /** Sets the time source; {@link Ticker#system()} by default. */
    @CanIgnoreReturnValue
    public Builder ticker(Ticker ticker) {
      this.ticker = requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Sets the most keys tracked per policy, from 1 to 2<sup>40</sup>; {@link
     * #DEFAULT_MAXIMUM_KEYS_PER_POLICY} by default. See the class documentation for what happens at
     * the bound.
     */
    @CanIgnoreReturnValue
    public Builder maximumKeysPerPolicy(long maximumKeys) {
      this.maximumKeysPerPolicy = requireInRange("maximumKeysPerPolicy", maximumKeys, 1, 1L << 40);
      return this;
    }

    /**
     * Sets the executor for Caffeine's maintenance (expiry and eviction bookkeeping); the common
     * fork-join pool by default. Tests pass {@code Runnable::run} for determinism.
     */
    @CanIgnoreReturnValue
    public Builder executor(Executor executor) {
      this.executor = requireNonNull(executor, "executor");
      return this;
    }

    /** Returns the store. */
    public MemoryRateLimitStore build() {
      return new MemoryRateLimitStore(this);
    }
  }
}
