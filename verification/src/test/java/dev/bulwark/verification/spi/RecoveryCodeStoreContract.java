package dev.bulwark.verification.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link RecoveryCodeStore}, run against every implementation: the in-memory store
 * here, the Redis store (standalone and Cluster) in {@code bulwark-redis}. A replace swaps the
 * whole set at once; a consume removes one matching hash atomically, so each code redeems exactly
 * once.
 */
public abstract class RecoveryCodeStoreContract {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The store under test, made fresh (and empty) for each test. */
  protected RecoveryCodeStore store;

  private final String account = "acct-" + UUID.randomUUID();

  /** Returns an empty store. */
  protected abstract RecoveryCodeStore newStore();

  @BeforeEach
  final void createStore() {
    store = newStore();
  }

  private static byte[] hash() {
    byte[] h = new byte[32];
    RANDOM.nextBytes(h);
    return h;
  }

  private static List<byte[]> hashes(int n) {
    List<byte[]> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(hash());
    }
    return list;
  }

  @Test
  void eachCodeRedeemsExactlyOnce() {
    List<byte[]> codes = hashes(10);
    store.replace(account, codes);
    assertThat(store.remaining(account)).isEqualTo(10);
    for (int i = 0; i < codes.size(); i++) {
      assertThat(store.consume(account, codes.get(i))).isEqualTo(9 - i);
      assertThat(store.consume(account, codes.get(i))).isEqualTo(RecoveryCodeStore.NO_MATCH);
    }
    assertThat(store.remaining(account)).isZero();
  }

  @Test
  void unknownAccountsAndWrongHashesMatchNothing() {
    assertThat(store.remaining(account)).isZero();
    assertThat(store.consume(account, hash())).isEqualTo(RecoveryCodeStore.NO_MATCH);
    store.replace(account, hashes(3));
    assertThat(store.consume(account, hash())).isEqualTo(RecoveryCodeStore.NO_MATCH);
    byte[] prefix = Arrays.copyOf(hash(), 16);
    assertThat(store.consume(account, prefix)).isEqualTo(RecoveryCodeStore.NO_MATCH);
    assertThat(store.remaining(account)).isEqualTo(3);
  }

  @Test
  void aReplaceRetiresEveryOldCode() {
    List<byte[]> old = hashes(5);
    store.replace(account, old);
    List<byte[]> fresh = hashes(4);
    store.replace(account, fresh);
    for (byte[] code : old) {
      assertThat(store.consume(account, code)).isEqualTo(RecoveryCodeStore.NO_MATCH);
    }
    assertThat(store.remaining(account)).isEqualTo(4);
    assertThat(store.consume(account, fresh.get(2))).isEqualTo(3);
  }

  @Test
  void anEmptyReplaceRemovesAllCodes() {
    List<byte[]> codes = hashes(3);
    store.replace(account, codes);
    store.replace(account, List.of());
    assertThat(store.remaining(account)).isZero();
    assertThat(store.consume(account, codes.get(0))).isEqualTo(RecoveryCodeStore.NO_MATCH);
  }

  @Test
  void accountsAreIndependent() {
    byte[] shared = hash();
    store.replace(account, List.of(shared));
    store.replace(account + "-other", List.of(shared));
    assertThat(store.consume(account, shared)).isZero();
    assertThat(store.consume(account + "-other", shared)).isZero();
  }

  @Test
  void badInputIsRefusedAndChangesNothing() {
    List<byte[]> codes = hashes(3);
    store.replace(account, codes);
    List<byte[]> withNull = new ArrayList<>(hashes(2));
    withNull.add(null);
    assertThatThrownBy(() -> store.replace(account, withNull))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.replace(account, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.consume(account, null)).isInstanceOf(NullPointerException.class);
    assertThat(store.remaining(account)).isEqualTo(3);
    assertThat(store.consume(account, codes.get(1))).isEqualTo(2);
  }

  @Test
  void ofConcurrentRedemptionsOfOneCodeExactlyOneSucceeds() throws Exception {
    List<byte[]> codes = hashes(4);
    store.replace(account, codes);
    List<Integer> answers = ContractRace.run(16, t -> () -> store.consume(account, codes.get(1)));
    assertThat(answers).filteredOn(a -> a != RecoveryCodeStore.NO_MATCH).containsExactly(3);
    assertThat(store.remaining(account)).isEqualTo(3);
  }

  @Test
  void concurrentRedemptionsOfDistinctCodesAllSucceed() throws Exception {
    List<byte[]> codes = hashes(12);
    store.replace(account, codes);
    List<Integer> answers = ContractRace.run(12, t -> () -> store.consume(account, codes.get(t)));
    assertThat(answers).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    assertThat(store.remaining(account)).isZero();
  }
}
