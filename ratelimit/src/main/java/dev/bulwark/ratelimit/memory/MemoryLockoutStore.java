package dev.bulwark.ratelimit.memory;

import static dev.bulwark.ratelimit.internal.Checks.requireInRange;
import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy;
import dev.bulwark.ratelimit.Ticker;
import dev.bulwark.ratelimit.lockout.LockoutPolicy;
import dev.bulwark.ratelimit.spi.LockoutState;
import dev.bulwark.ratelimit.spi.LockoutStore;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * The in-memory {@link LockoutStore}, on Caffeine: each transition is one atomic {@code compute} on
 * the key, and a counter expires once its lock is over and it has been quiet for its decay period
 * after that (permanent locks never expire). At most {@code maximumKeys} counters are kept; past
 * that, Caffeine evicts the least valuable, which forgets its failures (size the bound for an
 * attack's worth of sources). Thread-safe.
 */
public final class MemoryLockoutStore implements LockoutStore {

  /** The default bound on counters. */
  public static final long DEFAULT_MAXIMUM_KEYS = 1_000_000;

  private final Ticker ticker;
  private final Cache<String, Counter> counters;
  private final Policy<String, Counter> quiet;

  private MemoryLockoutStore(Ticker ticker, long maximumKeys, Executor executor) {
    this.ticker = ticker;
    this.counters =
        Caffeine.newBuilder()
            .ticker(ticker::read)
            .executor(executor)
            .maximumSize(maximumKeys)
            .expireAfter(new CounterExpiry())
            .build();
    this.quiet = counters.policy();
  }

  /** Returns a store with the system ticker and default bound. */
  public static MemoryLockoutStore create() {
    return create(Ticker.system());
  }

  /** Returns a store reading time from {@code ticker}, with the default bound. */
  public static MemoryLockoutStore create(Ticker ticker) {
    return create(ticker, DEFAULT_MAXIMUM_KEYS, ForkJoinPool.commonPool());
  }

  /** Returns a store reading time from {@code ticker}, keeping at most {@code maximumKeys}. */
  public static MemoryLockoutStore create(Ticker ticker, long maximumKeys, Executor executor) {
    requireNonNull(ticker, "ticker");
    requireInRange("maximumKeys", maximumKeys, 1, 1L << 40);
    requireNonNull(executor, "executor");
    return new MemoryLockoutStore(ticker, maximumKeys, executor);
  }

  @Override
  public LockoutState recordFailure(String key, LockoutPolicy policy) {
    long now = ticker.read();
    Counter c =
        counters
            .asMap()
            .compute(key, (k, old) -> (old == null ? new Counter() : old.copy()).fail(policy, now));
    return c.view(policy, now);
  }

  @Override
  public LockoutState status(String key, LockoutPolicy policy) {
    long now = ticker.read();
    // A quiet read: checks do not feed Caffeine's eviction bookkeeping, which would cost more than
    // the check itself; expiry is driven by the writes.
    Counter c = quiet.getIfPresentQuietly(key);
    return c == null ? LockoutState.CLEAR : c.view(policy, now);
  }

  @Override
  public LockoutState grantPasses(String key, LockoutPolicy policy, int passes) {
    requireInRange("passes", passes, 1, 1_000);
    long now = ticker.read();
    Counter c =
        counters
            .asMap()
            .compute(
                key,
                (k, old) -> (old == null ? new Counter() : old.copy()).grant(policy, passes, now));
    return c.view(policy, now);
  }

  @Override
  public void clear(String key) {
    counters.invalidate(key);
  }

  /**
   * One counter. Copy-on-write: a transition mutates a fresh copy inside {@code compute}, so a
   * published counter never changes and the state returned to a caller, or read quietly by {@link
   * #status}, is exactly the one its own transition produced.
   */
  private static final class Counter {
    int failures;
    int lockouts;
    int passes;
    boolean permanent;
    long lastActivity;
    long lockedUntil;
    long expiresAfterNanos;

    Counter copy() {
      Counter copy = new Counter();
      copy.failures = failures;
      copy.lockouts = lockouts;
      copy.passes = passes;
      copy.permanent = permanent;
      copy.lastActivity = lastActivity;
      copy.lockedUntil = lockedUntil;
      copy.expiresAfterNanos = expiresAfterNanos;
      return copy;
    }

    Counter fail(LockoutPolicy policy, long now) {
      decay(policy, now);
      if (permanent || lockedUntil - now > 0) {
        return this;
      }
      failures++;
      if (passes > 0) {
        passes--;
      }
      if (failures > policy.freeFailures()) {
        lockouts++;
        lockedUntil = now + policy.lockNanos(lockouts);
        permanent =
            policy.permanentAfterLockouts() > 0 && lockouts >= policy.permanentAfterLockouts();
      }
      touch(policy, now);
      return this;
    }

    Counter grant(LockoutPolicy policy, int more, long now) {
      decay(policy, now);
      passes = (int) Math.min(1_000, (long) passes + more);
      touch(policy, now);
      return this;
    }

    private void decay(LockoutPolicy policy, long now) {
      if (failures + passes > 0 && forgotten(policy, now)) {
        failures = 0;
        lockouts = 0;
        passes = 0;
      }
    }

    /**
     * Quiet for the decay period, counted from the end of the last lock (a lock is not quiet time,
     * or a maximum lock longer than the decay would reset the escalation).
     */
    private boolean forgotten(LockoutPolicy policy, long now) {
      long quietSince = lockedUntil - lastActivity > 0 ? lockedUntil : lastActivity;
      return !permanent && now - quietSince >= policy.decayNanos();
    }

    private void touch(LockoutPolicy policy, long now) {
      lastActivity = now;
      long lockLeft = Math.max(0, lockedUntil - now);
      expiresAfterNanos = permanent ? Long.MAX_VALUE : lockLeft + policy.decayNanos();
    }

    LockoutState view(LockoutPolicy policy, long now) {
      if (forgotten(policy, now)) {
        return LockoutState.CLEAR;
      }
      return new LockoutState(
          failures, lockouts, Math.max(0, lockedUntil - now), permanent, passes);
    }
  }

  private static final class CounterExpiry implements Expiry<String, Counter> {
    @Override
    public long expireAfterCreate(String key, Counter value, long currentTime) {
      return value.expiresAfterNanos;
    }

    @Override
    public long expireAfterUpdate(
        String key, Counter value, long currentTime, long currentDuration) {
      return value.expiresAfterNanos;
    }

    @Override
    public long expireAfterRead(String key, Counter value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
