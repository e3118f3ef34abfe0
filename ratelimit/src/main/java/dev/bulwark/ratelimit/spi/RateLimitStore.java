package dev.bulwark.ratelimit.spi;

import dev.bulwark.ratelimit.RateLimitDecision;
import dev.bulwark.ratelimit.RatePolicy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where limiter state lives: one atomic operation that applies a policy's limits to one key.
 *
 * <p><b>Contract.</b> {@link #apply} is one indivisible state transition over all of the policy's
 * limits for that key: concurrent calls for one key behave as if run one after another, and an
 * {@link StoreOperation#ACQUIRE} that any limit denies changes nothing. State is one GCRA
 * theoretical arrival time per (policy name, key, limit); a key with no state is full. The store
 * reads time itself (its own clock or, for a shared store, its server's), so every caller of one
 * store agrees on it. State may be dropped once the key is full again. Keys arrive normalized and,
 * if the policy says so, already hashed; a store must not log them.
 *
 * <p><b>Arguments.</b> Callers ({@link dev.bulwark.ratelimit.RateLimiter}) pass {@code permits} in
 * {@code [1, policy.minCapacity()]} for acquire and check, and in {@code [1,
 * RateLimit.MAX_CAPACITY]} for refund; stores may rely on it.
 *
 * <p><b>Failure.</b> A store that cannot answer throws {@link RateLimitStoreException}, or
 * completes the async form with it; the limiter then applies the policy's failure mode.
 * Implementations must be thread-safe.
 */
public interface RateLimitStore {

  /**
   * Atomically performs {@code operation} with {@code permits} on {@code key} under {@code policy}.
   *
   * @return the decision: for {@link StoreOperation#ACQUIRE} and {@link StoreOperation#CHECK}
   *     whether the permits are (or would be) granted; for {@link StoreOperation#REFUND} and {@link
   *     StoreOperation#RESET} an allowed decision describing the new state
   * @throws RateLimitStoreException if the store cannot answer
   */
  RateLimitDecision apply(RatePolicy policy, String key, StoreOperation operation, int permits);

  /**
   * Atomically takes one permit from every limit, or nothing; the hot path. Equivalent to {@code
   * apply(policy, key, ACQUIRE, 1).isAllowed()}; implementations override it to avoid allocating.
   *
   * @throws RateLimitStoreException if the store cannot answer
   */
  default boolean tryAcquire(RatePolicy policy, String key) {
    return apply(policy, key, StoreOperation.ACQUIRE, 1).isAllowed();
  }

  /**
   * The asynchronous form of {@link #apply}, for stores that do I/O. The default runs {@link
   * #apply} in the calling thread, which suits stores that never block.
   */
  default CompletionStage<RateLimitDecision> applyAsync(
      RatePolicy policy, String key, StoreOperation operation, int permits) {
    try {
      return CompletableFuture.completedFuture(apply(policy, key, operation, permits));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
