package dev.bulwark.storage;

import static dev.bulwark.storage.Fixture.ALICE;
import static dev.bulwark.storage.Fixture.BOB;
import static dev.bulwark.storage.Fixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.storage.memory.MemoryBlobStore;
import dev.bulwark.storage.memory.MemoryWrappedKeyStore;
import dev.bulwark.storage.spi.RecipientRef;
import dev.bulwark.storage.spi.StoreUnavailableException;
import dev.bulwark.storage.spi.WrappedDataKey;
import dev.bulwark.storage.spi.WrappedKeyStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShreddingTest {

  @Test
  void aShreddedRecipientsRecordsStayUnreadableWhenABackupOfTheBlobsIsRestored() {
    Fixture f = new Fixture();
    f.put(ALICE, "alice 1");
    f.put(ALICE, "alice 2");
    f.put(BOB, "bob 1");
    MemoryBlobStore backup = f.blobs.snapshot();

    assertThat(f.store.shred(OPERATOR, ALICE)).isEqualTo(1);
    assertThat(f.store.count(OPERATOR, ALICE)).isZero();

    // Restore the backup of the blobs into a store that shares the surviving key store and KEK.
    EphemeralStore restored = f.reopen(f.kek, backup, f.wrappedKeys);
    FetchResult alice = restored.fetch(Fixture.as(ALICE), ALICE, 100);
    assertThat(alice.records()).isEmpty();
    assertThat(alice.unreadable())
        .extracting(FetchResult.UnreadableRecord::reason)
        .containsExactly(UnreadableReason.UNKNOWN_DATA_KEY, UnreadableReason.UNKNOWN_DATA_KEY);
    // Bob is untouched.
    assertThat(restored.fetch(Fixture.as(BOB), BOB, 100).records()).hasSize(1);
    // New mail for Alice after the shred works under a fresh data key.
    f.put(ALICE, "after");
    assertThat(f.payloads(ALICE)).containsExactly("after");
  }

  /** A key store whose {@code deleteAll} fails, as a remote store's can, and counts reads. */
  private static final class FailingDeleteKeyStore implements WrappedKeyStore {
    final MemoryWrappedKeyStore keys = new MemoryWrappedKeyStore();
    final AtomicInteger gets = new AtomicInteger();

    @Override
    public boolean putIfAbsent(RecipientRef ref, WrappedDataKey key) {
      return keys.putIfAbsent(ref, key);
    }

    @Override
    public Optional<WrappedDataKey> get(RecipientRef ref, int keyId) {
      gets.incrementAndGet();
      return keys.get(ref, keyId);
    }

    @Override
    public List<WrappedDataKey> list(RecipientRef ref) {
      return keys.list(ref);
    }

    @Override
    public boolean replace(RecipientRef ref, WrappedDataKey expected, WrappedDataKey replacement) {
      return keys.replace(ref, expected, replacement);
    }

    @Override
    public int deleteAll(RecipientRef ref) {
      throw new StoreUnavailableException("key store: no answer in time", null);
    }

    @Override
    public int deleteCreatedBefore(long epochSecond) {
      return keys.deleteCreatedBefore(epochSecond);
    }

    @Override
    public List<RecipientRef> references() {
      return keys.references();
    }
  }

  @Test
  void aShredWhoseKeyStoreFailsStillDropsTheRecipientsUnwrappedKeys() {
    FailingDeleteKeyStore keys = new FailingDeleteKeyStore();
    EphemeralStore store =
        EphemeralStore.builder()
            .recipientHashKey(Fixture.HASH_KEY)
            .keyEncryptionKeys(TinkKeyEncryptionKeys.generate())
            .wrappedKeyStore(keys)
            .build();
    store.put(Fixture.SENDER, ALICE, Fixture.bytes("alice"), Fixture.HOUR);
    assertThat(store.fetch(Fixture.as(ALICE), ALICE, 10).records()).hasSize(1);
    assertThat(keys.gets).as("opened from the cache").hasValue(0);

    assertThatThrownBy(() -> store.shred(OPERATOR, ALICE))
        .isInstanceOf(StoreUnavailableException.class);

    assertThat(store.fetch(Fixture.as(ALICE), ALICE, 10).records())
        .as("the key survived in the store")
        .hasSize(1);
    assertThat(keys.gets).as("but not in the cache: read back from the store").hasValue(1);
  }

  @Test
  void aShredReachesTheCacheOfUnwrappedKeysToo() {
    Fixture f = new Fixture();
    f.put(ALICE, "cached");
    MemoryBlobStore backup = f.blobs.snapshot();
    assertThat(f.payloads(ALICE)).containsExactly("cached"); // key now cached
    int shredded = f.store.shred(OPERATOR, ALICE);
    assertThat(shredded).isEqualTo(1);
    // Put the old blob back into the same store instance: its cached key must be gone as well.
    for (var ref : backup.references()) {
      for (var entry : backup.list(ref, Long.MIN_VALUE, 100)) {
        f.blobs.put(ref, entry);
      }
    }
    assertThat(f.fetch(ALICE).unreadable())
        .extracting(FetchResult.UnreadableRecord::reason)
        .containsExactly(UnreadableReason.UNKNOWN_DATA_KEY);
  }

  @Test
  void aStolenCopyOfTheBlobStoreIsUselessWithoutTheKeyEncryptionKey() {
    Fixture f = new Fixture();
    f.put(ALICE, "top secret");
    MemoryBlobStore stolen = f.blobs.snapshot();
    MemoryWrappedKeyStore stolenKeys = f.wrappedKeys.snapshot();
    // The thief has both stores and even the recipient hash key, but not the KEK.
    EphemeralStore thief = f.reopen(TinkKeyEncryptionKeys.generate(), stolen, stolenKeys);
    FetchResult result = thief.fetch(Fixture.as(ALICE), ALICE, 10);
    assertThat(result.records()).isEmpty();
    assertThat(result.unreadable())
        .extracting(FetchResult.UnreadableRecord::reason)
        .containsExactly(UnreadableReason.KEY_UNWRAP_FAILED);
    // And the stored bytes do not contain the plaintext.
    var ref = stolen.references().get(0);
    byte[] blob = stolen.list(ref, Long.MIN_VALUE, 1).get(0).blob();
    assertThat(new String(blob, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("top secret");
  }
}
