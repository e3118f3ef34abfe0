package dev.bulwark.storage;

import static dev.bulwark.storage.Fixture.HOUR;
import static dev.bulwark.storage.Fixture.OPERATOR;
import static dev.bulwark.storage.Fixture.SENDER;
import static dev.bulwark.storage.Fixture.as;
import static dev.bulwark.storage.Fixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.storage.memory.MemoryBlobStore;
import dev.bulwark.storage.memory.MemoryWrappedKeyStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The recipient reference cache changes speed only: the same recipient gets the same reference with
 * the cache on or off, a reference memoized by one store is never used by another, and the cache
 * stays within its bounds of size and idle time and forgets a shredded recipient at once.
 */
class RecipientReferenceCacheTest {
  private final ManualClock clock = new ManualClock();
  private final MemoryBlobStore blobs = new MemoryBlobStore();
  private final MemoryWrappedKeyStore keys = new MemoryWrappedKeyStore();
  private final TinkKeyEncryptionKeys kek = TinkKeyEncryptionKeys.generate();

  private EphemeralStore store(String namespace, int cacheEntries) {
    return EphemeralStore.builder()
        .namespace(namespace)
        .recipientHashKey(Fixture.HASH_KEY)
        .keyEncryptionKeys(kek)
        .blobStore(blobs)
        .wrappedKeyStore(keys)
        .recipientReferenceCache(cacheEntries, Duration.ofMinutes(1))
        .clock(clock)
        .build();
  }

  @Test
  void cachedAndUncachedStoresAddressTheSameRecords() {
    EphemeralStore cached = store("mail", 100);
    EphemeralStore uncached = store("mail", 0);
    Recipient alice = Recipient.of("+15550100001");
    RecordId id = cached.put(SENDER, alice, bytes("hello"), HOUR);

    Recipient aliceAgain = Recipient.of("+15550100001");
    FetchResult fetched = uncached.fetch(as(aliceAgain), aliceAgain, 10);

    assertThat(fetched.records()).extracting(StoredRecord::id).containsExactly(id);
    assertThat(uncached.cachedReferenceCount()).isZero();
    assertThat(cached.acknowledge(as(aliceAgain), aliceAgain, id)).isTrue();
  }

  @Test
  void aReferenceMemoizedByOneStoreIsNotUsedByAnother() {
    EphemeralStore mail = store("mail", 100);
    EphemeralStore chat = store("chat", 100);
    Recipient alice = Recipient.of("+15550100001");
    RecordId inMail = mail.put(SENDER, alice, bytes("to mail"), HOUR);
    RecordId inChat = chat.put(SENDER, alice, bytes("to chat"), HOUR);

    assertThat(mail.fetch(as(alice), alice, 10).records())
        .extracting(StoredRecord::id)
        .containsExactly(inMail);
    assertThat(chat.fetch(as(alice), alice, 10).records())
        .extracting(StoredRecord::id)
        .containsExactly(inChat);
    assertThat(blobs.references()).hasSize(2);
  }

  @Test
  void theCacheHoldsAtMostItsSize() {
    EphemeralStore store = store("mail", 10);
    for (int i = 0; i < 200; i++) {
      Recipient r = Recipient.of("+1555010" + (1000 + i));
      store.put(SENDER, r, bytes("x"), HOUR);
    }
    assertThat(store.cachedReferenceCount()).isLessThanOrEqualTo(10);
  }

  @Test
  void anIdleRecipientIsDroppedAfterMaxIdle() {
    EphemeralStore store = store("mail", 100);
    Recipient alice = Recipient.of("+15550100001");
    store.put(SENDER, alice, bytes("x"), HOUR);
    assertThat(store.cachedReferenceCount()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(61));

    assertThat(store.cachedReferenceCount()).isZero();
  }

  @Test
  void shreddingForgetsTheRecipientAtOnce() {
    EphemeralStore store = store("mail", 100);
    Recipient alice = Recipient.of("+15550100001");
    store.put(SENDER, alice, bytes("x"), HOUR);

    store.shred(OPERATOR, Recipient.of("+15550100001"));

    assertThat(store.cachedReferenceCount()).isZero();
    assertThat(store.fetch(as(alice), alice, 10).records()).isEmpty();
  }

  @Test
  void boundsAreValidatedByName() {
    EphemeralStore.Builder b = EphemeralStore.builder();
    assertThatThrownBy(() -> b.recipientReferenceCache(-1, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reference cache maxEntries");
    assertThatThrownBy(() -> b.recipientReferenceCache(10_000_001, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reference cache maxEntries");
    assertThatThrownBy(() -> b.recipientReferenceCache(10, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reference cache maxIdle");
    assertThatThrownBy(() -> b.recipientReferenceCache(10, Duration.ofHours(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reference cache maxIdle");
    assertThatThrownBy(() -> b.recipientReferenceCache(10, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("reference cache maxIdle");
  }
}
