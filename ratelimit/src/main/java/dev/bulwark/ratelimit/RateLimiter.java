package dev.bulwark.ratelimit;

import static dev.bulwark.ratelimit.internal.Checks.requireInRange;
import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.ratelimit.memory.MemoryRateLimitStore;
import dev.bulwark.ratelimit.spi.RateLimitStore;
import dev.bulwark.ratelimit.spi.RateLimitStoreException;
import dev.bulwark.ratelimit.spi.StoreOperation;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Applies one named policy to keys.
 *
 * <p>Get one from a {@link RateLimiterRegistry} (whose policies can be changed live: the next call
 * uses the new policy) or from {@link #inMemory(RatePolicy)}. Every method is one atomic operation
 * on the store; denied requests consume nothing.
 *
 * <p><b>Errors.</b> Invalid arguments get {@link IllegalArgumentException} before the store is
 * touched. When the store fails ({@link RateLimitStoreException}), the policy's {@link FailureMode}
 * decides and the decision is flagged {@linkplain RateLimitDecision#isDegraded() degraded}; no
 * other store failure reaches the caller. Degraded decisions are counted ({@link
 * #degradedDecisions()}, for the host's metrics) and logged through {@link System.Logger} (logger
 * {@code dev.bulwark.ratelimit.RateLimiter}) at {@code WARNING} on the 1st, 2nd, 4th, 8th, ... one,
 * so an outage is visible without flooding the log; the message names the policy and the failure
 * mode, never a key.
 *
 * <p>This class is thread-safe. {@link #tryAcquire(RateLimitKey)} on a single-limit policy with the
 * in-memory store and no key privacy allocates nothing for a key already tracked.
 */
public final class RateLimiter {

  /** The retry-after of a {@link FailureMode#FAIL_CLOSED} denial while the store is down. */
  public static final long STORE_UNAVAILABLE_RETRY_AFTER_NANOS = 1_000_000_000L;

  private static final System.Logger LOG = System.getLogger(RateLimiter.class.getName());

  private final PolicySlot slot;
  private final RateLimitStore store;
  private final Supplier<RateLimitStore> fallback;
  private final LongAdder degradedDecisions = new LongAdder();

  RateLimiter(PolicySlot slot, RateLimitStore store, Supplier<RateLimitStore> fallback) {
    this.slot = slot;
    this.store = store;
    this.fallback = fallback;
  }

  /** Returns a limiter for {@code policy} with its own in-memory store and the system ticker. */
  public static RateLimiter inMemory(RatePolicy policy) {
    return of(policy, MemoryRateLimitStore.create());
  }

  /** Returns a limiter for {@code policy} over {@code store}. */
  public static RateLimiter of(RatePolicy policy, RateLimitStore store) {
    requireNonNull(policy, "policy");
    requireNonNull(store, "store");
    return new RateLimiter(new PolicySlot(policy), store, PolicySlot.lazyFallback(Ticker.system()));
  }

  /**
   * How many decisions this limiter has made by its policy's {@link FailureMode} because the store
   * did not answer; for the host's metrics (a rising count means the shared store is down).
   */
  public long degradedDecisions() {
    return degradedDecisions.sum();
  }

  /** The policy the next call will apply. */
  public RatePolicy policy() {
    return slot.policy;
  }

  /**
   * Takes one permit for {@code key} if every limit has one; the hot path.
   *
   * @return whether the request is admitted
   */
  public boolean tryAcquire(RateLimitKey key) {
    RatePolicy policy = slot.policy;
    String storeKey = storeKey(policy, key);
    try {
      return store.tryAcquire(policy, storeKey);
    } catch (RateLimitStoreException e) {
      return degraded(policy, storeKey, StoreOperation.ACQUIRE, 1).isAllowed();
    }
  }

  /**
   * Takes {@code permits} for {@code key} if every limit has them, else takes nothing.
   *
   * @throws IllegalArgumentException if {@code permits} is not in {@code [1, minCapacity]}: such a
   *     request could never be admitted
   */
  public RateLimitDecision tryAcquire(RateLimitKey key, int permits) {
    return run(key, StoreOperation.ACQUIRE, permits);
  }

  /**
   * Returns exactly the decision {@link #tryAcquire(RateLimitKey, int)} would return for one
   * permit, taking nothing.
   */
  public RateLimitDecision check(RateLimitKey key) {
    return run(key, StoreOperation.CHECK, 1);
  }

  /**
   * Returns exactly the decision {@link #tryAcquire(RateLimitKey, int)} would return, taking
   * nothing.
   */
  public RateLimitDecision check(RateLimitKey key, int permits) {
    return run(key, StoreOperation.CHECK, permits);
  }

  /**
   * Gives back {@code permits} to every limit of {@code key}, never beyond full; for work that
   * turned out not to count (say, a request rejected for an unrelated reason).
   *
   * @return the state after the refund
   */
  @CanIgnoreReturnValue
  public RateLimitDecision refund(RateLimitKey key, int permits) {
    return run(key, StoreOperation.REFUND, permits);
  }

  /** Forgets {@code key}: it is full again for every limit. */
  public void reset(RateLimitKey key) {
    RateLimitDecision ignored = run(key, StoreOperation.RESET, 1);
  }

  /**
   * Takes one permit or throws.
   *
   * @return the admitting decision
   * @throws RateLimitExceededException if denied; it carries the retry-after and never the key
   */
  @CanIgnoreReturnValue
  public RateLimitDecision acquireOrThrow(RateLimitKey key) {
    return acquireOrThrow(key, 1);
  }

  /**
   * Takes {@code permits} or throws.
   *
   * @return the admitting decision
   * @throws RateLimitExceededException if denied; it carries the retry-after and never the key
   */
  @CanIgnoreReturnValue
  public RateLimitDecision acquireOrThrow(RateLimitKey key, int permits) {
    RateLimitDecision decision = run(key, StoreOperation.ACQUIRE, permits);
    if (!decision.isAllowed()) {
      throw new RateLimitExceededException(slot.policy.name(), decision);
    }
    return decision;
  }

  /** The asynchronous form of {@link #tryAcquire(RateLimitKey)}. */
  public CompletionStage<Boolean> tryAcquireAsync(RateLimitKey key) {
    return runAsync(key, StoreOperation.ACQUIRE, 1).thenApply(RateLimitDecision::isAllowed);
  }

  /** The asynchronous form of {@link #tryAcquire(RateLimitKey, int)}. */
  public CompletionStage<RateLimitDecision> tryAcquireAsync(RateLimitKey key, int permits) {
    return runAsync(key, StoreOperation.ACQUIRE, permits);
  }

  /** The asynchronous form of {@link #check(RateLimitKey, int)}. */
  public CompletionStage<RateLimitDecision> checkAsync(RateLimitKey key, int permits) {
    return runAsync(key, StoreOperation.CHECK, permits);
  }

  /** The asynchronous form of {@link #refund(RateLimitKey, int)}. */
  public CompletionStage<RateLimitDecision> refundAsync(RateLimitKey key, int permits) {
    return runAsync(key, StoreOperation.REFUND, permits);
  }

  /** The asynchronous form of {@link #reset(RateLimitKey)}. */
  public CompletionStage<Void> resetAsync(RateLimitKey key) {
    return runAsync(key, StoreOperation.RESET, 1).thenApply(d -> null);
  }

  /**
   * The asynchronous form of {@link #acquireOrThrow(RateLimitKey, int)}: a denial completes the
   * stage exceptionally with {@link RateLimitExceededException}.
   */
  public CompletionStage<RateLimitDecision> acquireOrThrowAsync(RateLimitKey key, int permits) {
    String policyName = slot.policy.name();
    return runAsync(key, StoreOperation.ACQUIRE, permits)
        .thenApply(
            d -> {
              if (!d.isAllowed()) {
                throw new RateLimitExceededException(policyName, d);
              }
              return d;
            });
  }

  private RateLimitDecision run(RateLimitKey key, StoreOperation operation, int permits) {
    RatePolicy policy = slot.policy;
    checkPermits(policy, operation, permits);
    String storeKey = storeKey(policy, key);
    try {
      return store.apply(policy, storeKey, operation, permits);
    } catch (RateLimitStoreException e) {
      return degraded(policy, storeKey, operation, permits);
    }
  }

  private CompletionStage<RateLimitDecision> runAsync(
      RateLimitKey key, StoreOperation operation, int permits) {
    RatePolicy policy = slot.policy;
    checkPermits(policy, operation, permits);
    String storeKey = storeKey(policy, key);
    CompletionStage<RateLimitDecision> stage;
    try {
      stage = store.applyAsync(policy, storeKey, operation, permits);
    } catch (RateLimitStoreException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    return stage.handle(
        (decision, failure) -> {
          if (failure == null) {
            return decision;
          }
          Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
          if (cause instanceof RateLimitStoreException) {
            return degraded(policy, storeKey, operation, permits);
          }
          throw failure instanceof CompletionException
              ? (CompletionException) failure
              : new CompletionException(failure);
        });
  }

  private RateLimitDecision degraded(
      RatePolicy policy, String storeKey, StoreOperation operation, int permits) {
    degradedDecisions.increment();
    long count = degradedDecisions.sum();
    if (Long.bitCount(count) == 1) { // 1, 2, 4, 8, ...: visible, but never a flood
      LOG.log(
          System.Logger.Level.WARNING,
          "rate limit store did not answer: policy {0} decided by {1}; degraded decisions so far:"
              + " {2}",
          policy.name(),
          policy.failureMode(),
          count);
    }
    switch (policy.failureMode()) {
      case FAIL_OPEN:
        return RateLimitDecision.allowed(0, 0).asDegraded();
      case LOCAL_FALLBACK:
        return fallback
            .get()
            .apply(policy.localFallbackPolicy(), storeKey, operation, permits)
            .asDegraded();
      case FAIL_CLOSED:
      default:
        // For a refund or reset too: nothing was given back, so report a state that admits nothing.
        return RateLimitDecision.denied(0, STORE_UNAVAILABLE_RETRY_AFTER_NANOS, 0).asDegraded();
    }
  }

  private static void checkPermits(RatePolicy policy, StoreOperation operation, int permits) {
    if (operation == StoreOperation.REFUND) {
      requireInRange("permits", permits, 1, RateLimit.MAX_CAPACITY);
    } else if (operation != StoreOperation.RESET) {
      requireInRange("permits", permits, 1, policy.minCapacity());
    }
  }

  private static String storeKey(RatePolicy policy, RateLimitKey key) {
    requireNonNull(key, "key");
    return policy.keyPrivacy().apply(key.canonical());
  }

  @Override
  public String toString() {
    return "RateLimiter[" + slot.policy.name() + "]";
  }
}
