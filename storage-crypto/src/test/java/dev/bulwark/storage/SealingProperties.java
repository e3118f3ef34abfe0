package dev.bulwark.storage;

import static dev.bulwark.storage.Fixture.ALICE;
import static dev.bulwark.storage.Fixture.BOB;
import static dev.bulwark.storage.Fixture.HOUR;
import static dev.bulwark.storage.Fixture.SENDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.bulwark.storage.spi.BlobEntry;
import dev.bulwark.storage.spi.RecipientRef;
import dev.bulwark.storage.spi.WrappedDataKey;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * What sealing guarantees, as properties over random payloads and random single-bit changes. A
 * security reviewer can read the method names as the specification: a record opens to exactly what
 * was put, and any change to its bytes, its place or its data key fails closed.
 */
class SealingProperties {
  private static final int EXAMPLES = 200;

  static Gen<byte[]> payloads(int max) {
    return Generate.byteArrays(
        integers().between(0, max), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
  }

  private static RecipientRef onlyRef(Fixture f) {
    return f.blobs.references().get(0);
  }

  /** For every payload and every algorithm and padding: open(seal(x)) = x. */
  @Test
  void everyPayloadOpensToExactlyWhatWasPut() {
    qt().withExamples(EXAMPLES)
        .forAll(
            payloads(2048),
            Generate.enumValues(AeadAlgorithm.class)
                .assuming(a -> a != AeadAlgorithm.AES256_GCM_SIV),
            integers().between(0, 1))
        .checkAssert(
            (payload, algorithm, padded) -> {
              Fixture f =
                  new Fixture(
                      EphemeralStore.builder()
                          .algorithm(algorithm)
                          .padding(padded == 1 ? Padding.powersOfTwo(32, 1024) : Padding.none()));
              RecordId id = f.store.put(SENDER, ALICE, payload, HOUR);
              FetchResult r = f.fetch(ALICE);
              assertThat(r.unreadable()).isEmpty();
              assertThat(r.records())
                  .singleElement()
                  .satisfies(
                      rec -> {
                        assertThat(rec.id()).isEqualTo(id);
                        assertThat(rec.payload()).isEqualTo(payload);
                      });
            });
  }

  /** Flipping any one bit of a stored record makes it unreadable; it never opens to other data. */
  @Test
  void anyBitFlipInTheCiphertextFailsClosed() {
    qt().withExamples(EXAMPLES)
        .forAll(payloads(300), integers().between(0, Integer.MAX_VALUE))
        .checkAssert(
            (payload, where) -> {
              Fixture f = new Fixture();
              RecordId id = f.store.put(SENDER, ALICE, payload, HOUR);
              RecipientRef ref = onlyRef(f);
              BlobEntry entry = f.blobs.get(ref, id).orElseThrow();
              byte[] blob = entry.blob();
              int bit = where % (blob.length * 8);
              blob[bit / 8] ^= (byte) (1 << (bit % 8));
              assertThat(f.blobs.delete(ref, id)).isTrue();
              f.blobs.put(ref, new BlobEntry(id, blob, entry.expiresAtEpochSecond()));
              FetchResult r = f.fetch(ALICE);
              assertThat(r.records()).isEmpty();
              assertThat(r.unreadable())
                  .singleElement()
                  .satisfies(u -> assertThat(u.id()).isEqualTo(id));
              assertThat(f.store.count(Fixture.OPERATOR, ALICE)).isEqualTo(1); // nothing deleted
            });
  }

  /**
   * The associated data binds a record to its ID and recipient: a record moved under another record
   * ID, or into another recipient's queue, fails to open.
   */
  @Test
  void aRecordMovedToAnotherIdOrRecipientFailsToOpen() {
    qt().withExamples(EXAMPLES)
        .forAll(payloads(300), integers().between(0, 1))
        .checkAssert(
            (payload, toOtherRecipient) -> {
              Fixture f = new Fixture();
              f.store.put(SENDER, BOB, new byte[] {1}, HOUR); // so Bob has a data key
              RecipientRef bob = onlyRef(f);
              RecordId id = f.store.put(SENDER, ALICE, payload, HOUR);
              RecipientRef alice =
                  f.blobs.references().stream()
                      .filter(r -> !r.equals(bob))
                      .findFirst()
                      .orElseThrow();
              BlobEntry entry = f.blobs.get(alice, id).orElseThrow();
              if (toOtherRecipient == 1) {
                f.blobs.put(bob, entry);
                assertThat(f.fetch(BOB).unreadable())
                    .extracting(FetchResult.UnreadableRecord::id)
                    .containsExactly(id);
              } else {
                RecordId other = RecordId.random(new java.security.SecureRandom());
                f.blobs.put(
                    alice, new BlobEntry(other, entry.blob(), entry.expiresAtEpochSecond()));
                FetchResult r = f.fetch(ALICE);
                assertThat(r.records()).extracting(StoredRecord::id).containsExactly(id);
                assertThat(r.unreadable())
                    .extracting(FetchResult.UnreadableRecord::id)
                    .containsExactly(other);
              }
            });
  }

  /** Flipping any one bit of a wrapped data key makes every record under it unreadable. */
  @Test
  void anyBitFlipInAWrappedDataKeyFailsClosed() {
    qt().withExamples(EXAMPLES)
        .forAll(payloads(100), integers().between(0, Integer.MAX_VALUE))
        .checkAssert(
            (payload, where) -> {
              Fixture f = new Fixture();
              f.store.put(SENDER, ALICE, payload, HOUR);
              RecipientRef ref = onlyRef(f);
              WrappedDataKey key = f.wrappedKeys.list(ref).get(0);
              byte[] wrapped = key.wrapped();
              int bit = where % (wrapped.length * 8);
              wrapped[bit / 8] ^= (byte) (1 << (bit % 8));
              WrappedDataKey bad =
                  new WrappedDataKey(key.keyId(), key.kekId(), wrapped, key.createdAtEpochSecond());
              assertThat(f.wrappedKeys.replace(ref, key, bad)).isTrue();
              EphemeralStore cold = f.reopen();
              FetchResult r = cold.fetch(Fixture.as(ALICE), ALICE, 10);
              assertThat(r.records()).isEmpty();
              assertThat(r.unreadable())
                  .extracting(FetchResult.UnreadableRecord::reason)
                  .containsExactly(UnreadableReason.KEY_UNWRAP_FAILED);
            });
  }
}
