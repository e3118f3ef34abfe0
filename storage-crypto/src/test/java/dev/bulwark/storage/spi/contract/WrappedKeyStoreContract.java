package dev.bulwark.storage.spi.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.storage.spi.RecipientRef;
import dev.bulwark.storage.spi.WrappedDataKey;
import dev.bulwark.storage.spi.WrappedKeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WrappedKeyStore} must do, run against the in-memory store and each remote one:
 * a key is added at most once per ID, returned exactly as added, listed newest first, replaced only
 * by compare-and-set, and deleted per recipient (shred) or by age (sweep) without touching other
 * recipients; concurrent adds and replaces of one key succeed exactly once.
 *
 * <p>Subclasses return an empty store from {@link #store()} before each test.
 */
public abstract class WrappedKeyStoreContract {
  /** The caller's clock in these tests: 2026-01-01T00:00:00Z. */
  protected static final long NOW = 1_767_225_600L;

  private static final SecureRandom RANDOM = new SecureRandom();

  /** An empty store, the same instance for the whole test. */
  protected abstract WrappedKeyStore store();

  protected static RecipientRef freshRef() {
    byte[] b = new byte[RecipientRef.LENGTH];
    RANDOM.nextBytes(b);
    return RecipientRef.of(b);
  }

  protected static WrappedDataKey key(int keyId, String kekId, long createdAt) {
    byte[] wrapped = new byte[60];
    RANDOM.nextBytes(wrapped);
    return new WrappedDataKey(keyId, kekId, wrapped, createdAt);
  }

  @Test
  void aKeyIsAddedOnceAndTheFirstIsKept() {
    RecipientRef ref = freshRef();
    WrappedDataKey first = key(7, "1001", NOW);
    assertThat(store().putIfAbsent(ref, first)).isTrue();
    assertThat(store().putIfAbsent(ref, key(7, "1002", NOW + 5))).isFalse();
    assertThat(store().get(ref, 7)).contains(first);
    assertThat(store().list(ref)).containsExactly(first);
  }

  @Test
  void keysRoundTripWhateverTheirIdsAndBytes() {
    RecipientRef ref = freshRef();
    List<WrappedDataKey> keys =
        List.of(
            key(Integer.MIN_VALUE, "4294967295", NOW - 3),
            key(-1, "kms:projects/p/keys/k/versions/7 ✓", NOW - 2),
            key(0, "0", NOW - 1),
            new WrappedDataKey(Integer.MAX_VALUE, "x", new byte[0], Long.MAX_VALUE / 4));
    for (WrappedDataKey k : keys) {
      assertThat(store().putIfAbsent(ref, k)).isTrue();
    }
    for (WrappedDataKey k : keys) {
      assertThat(store().get(ref, k.keyId())).contains(k);
    }
    assertThat(store().get(ref, 42)).isEmpty();
    assertThat(store().get(freshRef(), 0)).isEmpty();
  }

  @Test
  void listIsNewestFirst() {
    RecipientRef ref = freshRef();
    WrappedDataKey old = key(1, "k", NOW - 100);
    WrappedDataKey newest = key(2, "k", NOW);
    WrappedDataKey middle = key(3, "k", NOW - 50);
    store().putIfAbsent(ref, old);
    store().putIfAbsent(ref, newest);
    store().putIfAbsent(ref, middle);
    assertThat(store().list(ref)).containsExactly(newest, middle, old);
    assertThat(store().list(freshRef())).isEmpty();
  }

  @Test
  void replaceIsACompareAndSet() {
    RecipientRef ref = freshRef();
    WrappedDataKey original = key(5, "old-kek", NOW);
    store().putIfAbsent(ref, original);
    WrappedDataKey moved = key(5, "new-kek", NOW);
    WrappedDataKey stale = key(5, "old-kek", NOW);

    assertThat(store().replace(ref, stale, moved)).isFalse();
    assertThat(store().get(ref, 5)).contains(original);
    assertThat(store().replace(ref, original, moved)).isTrue();
    assertThat(store().get(ref, 5)).contains(moved);
    assertThat(store().replace(ref, original, moved)).isFalse();
    assertThat(store().replace(freshRef(), moved, moved)).isFalse();
  }

  @Test
  void replaceRefusesAnotherKeyIdAndChangesNothing() {
    RecipientRef ref = freshRef();
    WrappedDataKey original = key(5, "kek", NOW);
    store().putIfAbsent(ref, original);
    assertThatThrownBy(() -> store().replace(ref, original, key(6, "kek", NOW)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store().list(ref)).containsExactly(original);
  }

  @Test
  void deleteAllShredsOneRecipientOnly() {
    RecipientRef alice = freshRef();
    RecipientRef bob = freshRef();
    store().putIfAbsent(alice, key(1, "k", NOW));
    store().putIfAbsent(alice, key(2, "k", NOW));
    WrappedDataKey bobs = key(1, "k", NOW);
    store().putIfAbsent(bob, bobs);

    assertThat(store().deleteAll(alice)).isEqualTo(2);
    assertThat(store().deleteAll(alice)).isZero();
    assertThat(store().list(alice)).isEmpty();
    assertThat(store().get(alice, 1)).isEmpty();
    assertThat(store().list(bob)).containsExactly(bobs);
    assertThat(store().references()).containsExactly(bob);
  }

  @Test
  void deleteCreatedBeforeDeletesStrictlyOlderKeysOfEveryRecipient() {
    RecipientRef alice = freshRef();
    RecipientRef bob = freshRef();
    store().putIfAbsent(alice, key(1, "k", NOW - 10));
    WrappedDataKey aliceBoundary = key(2, "k", NOW);
    store().putIfAbsent(alice, aliceBoundary);
    store().putIfAbsent(bob, key(1, "k", NOW - 1));

    assertThat(store().deleteCreatedBefore(NOW)).isEqualTo(2);
    assertThat(store().deleteCreatedBefore(NOW)).isZero();
    assertThat(store().list(alice)).containsExactly(aliceBoundary);
    assertThat(store().list(bob)).isEmpty();
    assertThat(store().references()).containsExactly(alice);
  }

  @Test
  void referencesAreTheRecipientsWithKeys() {
    assertThat(store().references()).isEmpty();
    List<RecipientRef> refs = List.of(freshRef(), freshRef(), freshRef());
    for (RecipientRef ref : refs) {
      store().putIfAbsent(ref, key(1, "k", NOW));
    }
    assertThat(store().references()).containsExactlyInAnyOrderElementsOf(refs);
  }

  @Test
  void concurrentAddsOfOneKeyIdSucceedExactlyOnce() throws Exception {
    RecipientRef ref = freshRef();
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      String kek = "kek-" + t;
      tasks.add(() -> store().putIfAbsent(ref, key(9, kek, NOW)));
    }
    assertThat(runAll(tasks)).containsOnlyOnce(true);
    assertThat(store().list(ref)).hasSize(1);
  }

  @Test
  void concurrentReplacesOfOneKeySucceedExactlyOnce() throws Exception {
    RecipientRef ref = freshRef();
    WrappedDataKey original = key(3, "old", NOW);
    store().putIfAbsent(ref, original);
    List<Callable<Boolean>> tasks = new ArrayList<>();
    List<WrappedDataKey> candidates = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      WrappedDataKey candidate = key(3, "new-" + t, NOW);
      candidates.add(candidate);
      tasks.add(() -> store().replace(ref, original, candidate));
    }
    List<Boolean> results = runAll(tasks);
    assertThat(results).containsOnlyOnce(true);
    assertThat(store().get(ref, 3)).contains(candidates.get(results.indexOf(true)));
  }

  @Test
  void nullArgumentsAreRefused() {
    RecipientRef ref = freshRef();
    WrappedDataKey k = key(1, "k", NOW);
    assertThatThrownBy(() -> store().putIfAbsent(null, k)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store().putIfAbsent(ref, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store().get(null, 1)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store().deleteAll(null)).isInstanceOf(NullPointerException.class);
    assertThat(store().references()).isEmpty();
  }

  private static List<Boolean> runAll(List<Callable<Boolean>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      List<Boolean> results = new ArrayList<>();
      for (Future<Boolean> f : pool.invokeAll(tasks)) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
