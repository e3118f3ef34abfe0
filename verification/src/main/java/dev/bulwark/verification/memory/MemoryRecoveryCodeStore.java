package dev.bulwark.verification.memory;

import static dev.bulwark.verification.internal.Checks.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bulwark.verification.spi.RecoveryCodeStore;
import java.security.MessageDigest;
import java.util.List;

/**
 * The in-memory {@link RecoveryCodeStore}, on Caffeine: one immutable array of hashes per account,
 * replaced atomically. Unbounded, and not durable: for tests, demos and single-process hosts that
 * accept losing recovery codes on restart.
 *
 * <p>This class is thread-safe.
 */
public final class MemoryRecoveryCodeStore implements RecoveryCodeStore {
  private final Cache<String, byte[][]> accounts = Caffeine.newBuilder().build();

  /** Returns an empty store. */
  public static MemoryRecoveryCodeStore create() {
    return new MemoryRecoveryCodeStore();
  }

  private MemoryRecoveryCodeStore() {}

  @Override
  public void replace(String accountId, List<byte[]> hashes) {
    requireNonNull(accountId, "accountId");
    requireNonNull(hashes, "hashes");
    if (hashes.isEmpty()) {
      accounts.invalidate(accountId);
      return;
    }
    byte[][] copy = new byte[hashes.size()][];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = requireNonNull(hashes.get(i), "hash").clone();
    }
    accounts.put(accountId, copy);
  }

  @Override
  public int consume(String accountId, byte[] hash) {
    requireNonNull(hash, "hash");
    int[] left = {NO_MATCH};
    accounts
        .asMap()
        .computeIfPresent(
            accountId,
            (id, codes) -> {
              int match = -1;
              for (int i = 0; i < codes.length; i++) {
                // every stored hash is compared, whatever matched before
                boolean equal = MessageDigest.isEqual(codes[i], hash);
                match = equal && match < 0 ? i : match;
              }
              if (match < 0) {
                return codes;
              }
              byte[][] rest = new byte[codes.length - 1][];
              System.arraycopy(codes, 0, rest, 0, match);
              System.arraycopy(codes, match + 1, rest, match, codes.length - match - 1);
              left[0] = rest.length;
              return rest.length == 0 ? null : rest;
            });
    return left[0];
  }

  @Override
  public int remaining(String accountId) {
    byte[][] codes = accounts.getIfPresent(accountId);
    return codes == null ? 0 : codes.length;
  }
}
