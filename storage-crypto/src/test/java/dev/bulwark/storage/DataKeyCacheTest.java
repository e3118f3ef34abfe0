package dev.bulwark.storage;

import static dev.bulwark.storage.Fixture.ALICE;
import static dev.bulwark.storage.Fixture.BOB;
import static dev.bulwark.storage.Fixture.HOUR;
import static dev.bulwark.storage.Fixture.SENDER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.storage.memory.MemoryBlobStore;
import dev.bulwark.storage.memory.MemoryWrappedKeyStore;
import dev.bulwark.storage.spi.KeyEncryptionKeyProvider;
import dev.bulwark.storage.spi.RecipientRef;
import dev.bulwark.storage.spi.WrappedDataKey;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The cache of unwrapped data keys is bounded by uses and age, and wraps bind their owner. */
class DataKeyCacheTest {

  /** A real Tink KEK that counts its unwraps. */
  static final class CountingKek implements KeyEncryptionKeyProvider {
    final TinkKeyEncryptionKeys delegate = TinkKeyEncryptionKeys.generate();
    final AtomicInteger unwraps = new AtomicInteger();

    @Override
    public String primaryKeyId() {
      return delegate.primaryKeyId();
    }

    @Override
    public Wrapped wrap(byte[] plaintextKey, byte[] associatedData)
        throws GeneralSecurityException {
      return delegate.wrap(plaintextKey, associatedData);
    }

    @Override
    public byte[] unwrap(String kekId, byte[] ciphertext, byte[] associatedData)
        throws GeneralSecurityException {
      unwraps.incrementAndGet();
      return delegate.unwrap(kekId, ciphertext, associatedData);
    }
  }

  private static EphemeralStore store(
      CountingKek kek,
      ManualClock clock,
      int maxUses,
      MemoryBlobStore blobs,
      MemoryWrappedKeyStore keys) {
    return EphemeralStore.builder()
        .recipientHashKey(Fixture.HASH_KEY)
        .keyEncryptionKeys(kek)
        .blobStore(blobs)
        .wrappedKeyStore(keys)
        .dataKeyCache(100, Duration.ofMinutes(1), maxUses)
        .clock(clock)
        .build();
  }

  @Test
  void anUnwrappedKeyIsReusedAtMostMaxUsesTimesAndForAtMostMaxAge() {
    CountingKek kek = new CountingKek();
    ManualClock clock = new ManualClock();
    EphemeralStore store = store(kek, clock, 3, new MemoryBlobStore(), new MemoryWrappedKeyStore());
    store.put(SENDER, ALICE, new byte[] {1}, HOUR);
    assertThat(kek.unwraps).hasValue(0); // the sealing key was cached when it was made
    for (int i = 0; i < 6; i++) {
      assertThat(store.fetch(Fixture.as(ALICE), ALICE, 10).records()).hasSize(1);
    }
    assertThat(kek.unwraps).hasValue(1); // 3 uses from creation, then 3 after one unwrap
    clock.advance(Duration.ofSeconds(61));
    assertThat(store.fetch(Fixture.as(ALICE), ALICE, 10).records()).hasSize(1);
    assertThat(kek.unwraps).hasValue(2); // expired by age
  }

  @Test
  void aWrappedDataKeyMovedToAnotherRecipientDoesNotUnwrap() {
    CountingKek kek = new CountingKek();
    MemoryBlobStore blobs = new MemoryBlobStore();
    MemoryWrappedKeyStore keys = new MemoryWrappedKeyStore();
    ManualClock clock = new ManualClock();
    EphemeralStore store = store(kek, clock, 100, blobs, keys);
    store.put(SENDER, ALICE, new byte[] {1}, HOUR);
    RecipientRef aliceRef = keys.references().get(0);
    store.put(SENDER, BOB, new byte[] {2}, HOUR);
    RecipientRef bobRef =
        keys.references().stream().filter(r -> !r.equals(aliceRef)).findFirst().orElseThrow();
    WrappedDataKey aliceKey = keys.list(aliceRef).get(0);
    WrappedDataKey bobKey = keys.list(bobRef).get(0);
    // Replace Bob's wrapped key by Alice's wrapped bytes under Bob's key ID.
    WrappedDataKey forged =
        new WrappedDataKey(
            bobKey.keyId(), aliceKey.kekId(), aliceKey.wrapped(), bobKey.createdAtEpochSecond());
    assertThat(keys.replace(bobRef, bobKey, forged)).isTrue();
    EphemeralStore cold = store(kek, clock, 100, blobs, keys);
    FetchResult bob = cold.fetch(Fixture.as(BOB), BOB, 10);
    assertThat(bob.records()).isEmpty();
    assertThat(bob.unreadable())
        .extracting(FetchResult.UnreadableRecord::reason)
        .containsExactly(UnreadableReason.KEY_UNWRAP_FAILED);
    assertThat(cold.fetch(Fixture.as(ALICE), ALICE, 10).records()).hasSize(1);
  }
}
