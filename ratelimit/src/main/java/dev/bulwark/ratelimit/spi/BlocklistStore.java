package dev.bulwark.ratelimit.spi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where a {@link dev.bulwark.ratelimit.abuse.Blocklist} keeps its temporary bans: one deadline per
 * key, forgotten once it passes.
 *
 * <p><b>Contract.</b> Each method is one atomic state transition on one key. {@link #block} never
 * shortens a ban: the key stays blocked until the later of its current deadline and {@code now +
 * ttl}. A key is blocked from the moment {@code block} returns until exactly {@code ttl} has passed
 * on the store's clock, and not after. The store reads time itself (its own clock or, for a shared
 * store, its server's), so every caller agrees on it. Keys arrive as the blocklist's key privacy
 * made them (normalized and possibly hashed); a store must not log them.
 *
 * <p><b>Arguments.</b> Callers pass keys of 1 to {@link #MAX_KEY_LENGTH} characters and TTLs in
 * {@code [1, MAX_TTL_NANOS]}; implementations reject anything else with {@link
 * IllegalArgumentException} and store nothing.
 *
 * <p><b>Failure.</b> A store that cannot answer throws {@link RateLimitStoreException}, or
 * completes the async form with it. Implementations must be thread-safe.
 */
public interface BlocklistStore {

  /** The longest key a store must accept, in UTF-16 chars. */
  int MAX_KEY_LENGTH = 2048;

  /** The longest ban: 366 days. */
  long MAX_TTL_NANOS = 366L * 24 * 3600 * 1_000_000_000L;

  /**
   * Atomically blocks {@code key} for at least {@code ttlNanos} from now, keeping a longer ban that
   * is already in place.
   *
   * @return the nanoseconds until the key's ban ends, after this call
   * @throws IllegalArgumentException if the key or TTL is out of range; nothing is stored
   * @throws RateLimitStoreException if the store cannot answer
   */
  long block(String key, long ttlNanos);

  /**
   * The nanoseconds until {@code key}'s ban ends, or 0 if it is not blocked.
   *
   * @throws RateLimitStoreException if the store cannot answer
   */
  long remainingNanos(String key);

  /**
   * Atomically lifts {@code key}'s ban.
   *
   * @return whether the key was blocked
   * @throws RateLimitStoreException if the store cannot answer
   */
  boolean unblock(String key);

  /**
   * The asynchronous form of {@link #remainingNanos}, for stores that do I/O. The default runs it
   * in the calling thread, which suits stores that never block.
   */
  default CompletionStage<Long> remainingNanosAsync(String key) {
    try {
      return CompletableFuture.completedFuture(remainingNanos(key));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
