package dev.bulwark.ratelimit.spi;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Single-use bookkeeping for challenges. Each method is atomic; entries vanish after their time to
 * live. Identifiers arrive as opaque random strings; values are digests, never secrets in the
 * clear. Implementations are thread-safe and fail closed (a store that cannot answer throws).
 */
public interface ChallengeStore {
  /**
   * The longest time to live a store must accept; every time to live is in {@code [1 ns, this]}.
   */
  Duration MAX_TTL = Duration.ofDays(366);

  /**
   * Atomically marks {@code id} as used for {@code ttl}.
   *
   * @return {@code true} the first time, {@code false} if it was already marked
   * @throws IllegalArgumentException if {@code ttl} is not in {@code [1 ns, MAX_TTL]}; nothing is
   *     stored
   */
  boolean markUsed(String id, Duration ttl);

  /**
   * Stores {@code digest} under {@code id} for {@code ttl}, replacing any earlier value.
   *
   * @throws IllegalArgumentException if {@code ttl} is not in {@code [1 ns, MAX_TTL]}; nothing is
   *     stored
   */
  void put(String id, byte[] digest, Duration ttl);

  /** Atomically removes and returns the digest under {@code id}, or {@code null} if none. */
  byte @Nullable [] take(String id);
}
