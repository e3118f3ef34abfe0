package dev.bulwark.ratelimit.memory;

import static dev.bulwark.ratelimit.internal.Checks.requireInRange;
import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The in-memory {@link RateLimitStore} for one process, on Caffeine. It never fails.
 *
 * <p><b>Per key</b> it keeps one 24-byte cell (one {@code long} per limit) in one bounded Caffeine
 * cache per policy name. A single-limit decision on a tracked key is one clock read, one hash
 * lookup and one compare-and-set: lock-free and allocation-free.
 *
 * <p><b>Idle keys vanish.</b> A key that is full again is indistinguishable from an absent one, so
 * full keys are removed by a sweep that runs on the {@linkplain Builder#executor executor} whenever
 * the keys created since the last sweep outnumber the keys it left (and at least {@value
 * #SWEEP_AFTER_MIN_CREATIONS} were created), or when {@link #cleanUp()} is called. Memory therefore
 * stays within about twice the keys active in the last burst window. A key is never removed while
 * it owes anything, and a removal never loses a decision: the cell is retired first, and a caller
 * holding it looks the key up again. (Keys are not given a per-entry expiry because checking one
 * would cost a second clock read on every decision, doubling the cost of the hot path.)
 *
 * <p><b>The bound.</b> Each policy tracks at most {@link Builder#maximumKeysPerPolicy} keys. When a
 * new key would pass it, Caffeine's W-TinyLFU policy evicts a key (it sees key creations, not every
 * decision, so it favours keys that keep coming back after being swept). An evicted key forgets its
 * history and is full again, which can only make that one key more permissive: size the bound above
 * the number of keys that can be active within one burst window. {@link #evictionCount()} counts
 * such evictions so hosts can alert on them.
 *
 * <p>This class is thread-safe.
 */
public final class MemoryRateLimitStore implements RateLimitStore {

  /** The default bound on tracked keys per policy. */
  public static final long DEFAULT_MAXIMUM_KEYS_PER_POLICY = 1_000_000;

  /** The fewest key creations that can trigger a sweep. */
  public static final int SWEEP_AFTER_MIN_CREATIONS = 4096;

  private final Ticker ticker;
  private final long origin;
  private final long maximumKeysPerPolicy;
  private final Executor executor;
  private final ConcurrentHashMap<String, PolicyTable> tables = new ConcurrentHashMap<>();
  private final LongAdder evictions = new LongAdder();
  // The table of the policy used last: most stores serve one hot policy at a time.
  private volatile PolicyTable lastTable;

  private MemoryRateLimitStore(Builder b) {
    this.ticker = b.ticker;
    this.origin = b.ticker.read();
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
    long now = now();
    PolicyTable table = table(policy);
    if (policy.limitCount() > 1) {
      return table.apply(policy, key, StoreOperation.ACQUIRE, 1, now).isAllowed();
    }
    long cost = policy.intervalNanos(0);
    long tau = policy.burstWindowNanos(0);
    for (; ; ) {
      GcraCell cell = table.cell(key, now);
      int result = cell.tryAcquire(cost, tau, now);
      if (result != GcraCell.RETIRED) {
        return result == GcraCell.GRANTED;
      }
      table.remove(key, cell);
    }
  }

  @Override
  public RateLimitDecision apply(
      RatePolicy policy, String key, StoreOperation operation, int permits) {
    long now = now();
    PolicyTable table = table(policy);
    if (operation == StoreOperation.RESET) {
      table.forget(key);
      return RateLimitDecision.allowed(policy.minCapacity(), 0);
    }
    return table.apply(policy, key, operation, permits, now);
  }

  /** The approximate number of keys tracked for the policy called {@code policyName}. */
  public long estimatedKeyCount(String policyName) {
    PolicyTable table = tables.get(policyName);
    return table == null ? 0 : table.cells.estimatedSize();
  }

  /** The number of keys evicted because a policy reached its bound (not counting sweeps). */
  public long evictionCount() {
    return evictions.sum();
  }

  /** Removes every key that is full again, now, in the calling thread. */
  public void cleanUp() {
    long now = now();
    tables.values().forEach(t -> t.sweep(now));
  }

  /**
   * Time since this store was made. Cells keep times relative to that origin, so a stored time can
   * reach the value that marks a retired cell only after some 292 years, whatever the ticker's
   * absolute readings are.
   */
  private long now() {
    return ticker.read() - origin;
  }

  private PolicyTable table(RatePolicy policy) {
    PolicyTable table = lastTable;
    if (table == null || !table.name.equals(policy.name())) {
      table = tables.computeIfAbsent(policy.name(), name -> new PolicyTable(this, name));
      lastTable = table;
    }
    return table;
  }

  /** The keys of one policy. */
  private static final class PolicyTable {
    final String name;
    final Cache<String, GcraCell> cells;
    final Policy<String, GcraCell> quiet;
    final MemoryRateLimitStore store;
    final AtomicLong createdSinceSweep = new AtomicLong();
    final AtomicBoolean sweepScheduled = new AtomicBoolean();
    volatile long keptBySweep;

    PolicyTable(MemoryRateLimitStore store, String name) {
      this.name = name;
      this.store = store;
      this.cells =
          Caffeine.newBuilder()
              .executor(store.executor)
              .maximumSize(store.maximumKeysPerPolicy)
              .removalListener(
                  (String k, GcraCell cell, RemovalCause cause) -> {
                    if (cause == RemovalCause.SIZE) {
                      cell.retire();
                      store.evictions.increment();
                    }
                  })
              .build();
      this.quiet = cells.policy();
    }

    /** The key's cell, created full if absent. Reads do not touch Caffeine's bookkeeping. */
    GcraCell cell(String key, long now) {
      GcraCell cell = quiet.getIfPresentQuietly(key);
      if (cell != null) {
        return cell;
      }
      GcraCell created = cells.asMap().computeIfAbsent(key, k -> new GcraCell(now));
      long creations = createdSinceSweep.incrementAndGet();
      if (creations >= Math.max(SWEEP_AFTER_MIN_CREATIONS, keptBySweep)
          && sweepScheduled.compareAndSet(false, true)) {
        store.executor.execute(() -> sweep(store.now()));
      }
      return created;
    }

    RateLimitDecision apply(
        RatePolicy policy, String key, StoreOperation operation, int permits, long now) {
      for (; ; ) {
        GcraCell cell = cell(key, now);
        RateLimitDecision decision = cell.apply(policy, operation, permits, now);
        if (decision != null) {
          return decision;
        }
        remove(key, cell);
      }
    }

    void remove(String key, GcraCell retired) {
      boolean ignored = cells.asMap().remove(key, retired);
    }

    void forget(String key) {
      GcraCell cell = cells.asMap().remove(key);
      if (cell != null) {
        cell.retire();
      }
    }

    void sweep(long now) {
      try {
        createdSinceSweep.set(0);
        cells
            .asMap()
            .forEach(
                (key, cell) -> {
                  if (cell.retireIfFull(now)) {
                    remove(key, cell);
                  }
                });
        cells.cleanUp();
        keptBySweep = cells.estimatedSize();
      } finally {
        sweepScheduled.set(false);
      }
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
     * Sets the executor for sweeps and for Caffeine's maintenance; the common fork-join pool by
     * default. Tests pass {@code Runnable::run} for determinism.
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
