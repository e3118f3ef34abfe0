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
   * Atomically marks {@code id} as used for {@code ttl}.
   *
   * @return {@code true} the first time, {@code false} if it was already marked
   */
  boolean markUsed(String id, Duration ttl);

  /** Stores {@code digest} under {@code id} for {@code ttl}, replacing any earlier value. */
  void put(String id, byte[] digest, Duration ttl);

  /** Atomically removes and returns the digest under {@code id}, or {@code null} if none. */
  byte @Nullable [] take(String id);
}
