package dev.bulwark.verification.spi;

import java.util.List;

/**
 * Where each account's unused recovery codes live, as keyed hashes.
 *
 * <p><b>Contract.</b> {@link #replace} swaps the whole set in one atomic step, so after it returns
 * no code of the old set redeems. {@link #consume} removes one matching hash atomically: of any
 * number of concurrent calls with the same hash exactly one succeeds. Recovery codes must survive
 * restarts: production stores are durable. Stores see only hashes and must not log them.
 *
 * <p><b>Failure.</b> A store that cannot answer throws {@link VerificationStoreException}.
 * Implementations must be thread-safe.
 */
public interface RecoveryCodeStore {

  /** What {@link #consume} returns when no unused code matched. */
  int NO_MATCH = -1;

  /**
   * Atomically replaces the account's codes with {@code hashes} (an empty list removes them all).
   *
   * @throws VerificationStoreException if the store cannot answer
   */
  void replace(String accountId, List<byte[]> hashes);

  /**
   * Atomically removes the account's code whose hash equals {@code hash}, comparing every stored
   * hash in constant time.
   *
   * @return the number of unused codes left, or {@link #NO_MATCH}
   * @throws VerificationStoreException if the store cannot answer
   */
  int consume(String accountId, byte[] hash);

  /**
   * Returns the number of unused codes of the account.
   *
   * @throws VerificationStoreException if the store cannot answer
   */
  int remaining(String accountId);
}
