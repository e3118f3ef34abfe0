package dev.bulwark.storage;

import static dev.bulwark.storage.Fixture.ALICE;
import static dev.bulwark.storage.Fixture.HOUR;
import static dev.bulwark.storage.Fixture.OPERATOR;
import static dev.bulwark.storage.Fixture.SENDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.storage.spi.BlobEntry;
import dev.bulwark.storage.spi.RecipientRef;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Hostile stored bytes and hostile arguments get typed answers and change nothing. */
class BadInputTest {
  private Fixture f = newFixture();
  private final SecureRandom random = new SecureRandom();

  private static Fixture newFixture() {
    return new Fixture(EphemeralStore.builder().maxPayloadBytes(1000));
  }

  /** Stores {@code blob} in a fresh queue of Alice beside one good record, then fetches. */
  private UnreadableReason planted(byte[] blob) {
    f = newFixture();
    f.put(ALICE, "good");
    RecipientRef ref = f.blobs.references().get(0);
    RecordId id = RecordId.random(random);
    f.blobs.put(ref, new BlobEntry(id, blob, Long.MAX_VALUE));
    FetchResult r = f.fetch(ALICE);
    assertThat(r.records()).extracting(StoredRecord::payloadLength).containsExactly(4);
    assertThat(r.unreadable()).extracting(FetchResult.UnreadableRecord::id).containsExactly(id);
    assertThat(f.store.count(OPERATOR, ALICE)).isEqualTo(2); // nothing deleted by the failure
    return r.unreadable().get(0).reason();
  }

  private byte[] goodBlob() {
    Fixture other = new Fixture();
    other.put(ALICE, "x");
    RecipientRef ref = other.blobs.references().get(0);
    return other.blobs.list(ref, 0, 1).get(0).blob();
  }

  @Test
  void truncatedRecordsAreMalformed() {
    assertThat(planted(new byte[0])).isEqualTo(UnreadableReason.MALFORMED);
    assertThat(planted(Arrays.copyOf(goodBlob(), RecordFormat.MIN_LENGTH - 1)))
        .isEqualTo(UnreadableReason.MALFORMED);
  }

  @Test
  void oversizedRecordsAreMalformedWithoutTouchingKeys() {
    byte[] huge = new byte[1000 + 46];
    huge[0] = RecordFormat.VERSION_1_PLAIN;
    assertThat(planted(huge)).isEqualTo(UnreadableReason.MALFORMED);
  }

  @Test
  void unknownFormatVersionsAreRefused() {
    for (int format : new int[] {0x00, 0x03, 0x7f, 0x80, 0xff}) {
      byte[] blob = goodBlob();
      blob[0] = (byte) format;
      assertThat(planted(blob)).isEqualTo(UnreadableReason.UNKNOWN_FORMAT_VERSION);
    }
  }

  @Test
  void unknownDataKeyIdsAreRefused() {
    byte[] blob = new byte[60];
    blob[0] = RecordFormat.VERSION_1_PLAIN;
    blob[1] = 0x12;
    assertThat(planted(blob)).isEqualTo(UnreadableReason.UNKNOWN_DATA_KEY);
  }

  @Test
  void aRecordFromAnotherStoreFailsAuthenticationOrKeyLookup() {
    assertThat(planted(goodBlob())).isEqualTo(UnreadableReason.UNKNOWN_DATA_KEY);
  }

  @Test
  void hugePayloadsAreRefusedAndNothingIsStored() {
    assertThatThrownBy(() -> f.store.put(SENDER, ALICE, new byte[1001], HOUR))
        .isInstanceOfSatisfying(
            PayloadTooLargeException.class, e -> assertThat(e.maximum()).isEqualTo(1000));
    assertThat(f.blobs.references()).isEmpty();
    assertThat(f.wrappedKeys.references()).isEmpty();
  }

  @Test
  void badArgumentsAreRefusedBeforeAnythingChanges() {
    f.put(ALICE, "keep");
    assertThatThrownBy(() -> f.store.fetch(Fixture.as(ALICE), ALICE, 0))
        .hasMessage("limit must be between 1 and 10000, got 0");
    assertThatThrownBy(() -> Recipient.of(""))
        .hasMessage("recipient id length must be between 1 and 256, got 0");
    assertThatThrownBy(() -> Recipient.of("x".repeat(257)))
        .hasMessage("recipient id length must be between 1 and 256, got 257");
    assertThatThrownBy(() -> RecordId.parse("not an id"))
        .hasMessage("record id must be 22 base64url characters");
    assertThatThrownBy(() -> RecordId.parse("!!!!!!!!!!!!!!!!!!!!!!"))
        .hasMessage("record id must be 22 base64url characters");
    assertThatThrownBy(() -> RecordId.of(new byte[3]))
        .hasMessage("record id must be 16 bytes, got 3");
    assertThat(f.store.acknowledge(Fixture.as(ALICE), ALICE, RecordId.random(random))).isFalse();
    assertThat(f.payloads(ALICE)).containsExactly("keep");
  }

  @Test
  void aDuplicateRecordIdIsRefusedByTheBlobStore() {
    f.put(ALICE, "a");
    RecipientRef ref = f.blobs.references().get(0);
    BlobEntry entry = f.blobs.list(ref, 0, 1).get(0);
    assertThatThrownBy(() -> f.blobs.put(ref, new BlobEntry(entry.id(), new byte[40], 1)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(f.payloads(ALICE)).containsExactly("a");
  }

  @Test
  void aKeyEncryptionKeyThatRefusesToWrapFailsThePutAndStoresNothing() {
    dev.bulwark.storage.memory.MemoryBlobStore blobs =
        new dev.bulwark.storage.memory.MemoryBlobStore();
    dev.bulwark.storage.memory.MemoryWrappedKeyStore keys =
        new dev.bulwark.storage.memory.MemoryWrappedKeyStore();
    EphemeralStore store =
        EphemeralStore.builder()
            .recipientHashKey(Fixture.HASH_KEY)
            .keyEncryptionKeys(
                new dev.bulwark.storage.spi.KeyEncryptionKeyProvider() {
                  @Override
                  public String primaryKeyId() {
                    return "kms-down";
                  }

                  @Override
                  public Wrapped wrap(byte[] plaintextKey, byte[] associatedData)
                      throws java.security.GeneralSecurityException {
                    throw new java.security.GeneralSecurityException("KMS unavailable");
                  }

                  @Override
                  public byte[] unwrap(String kekId, byte[] ciphertext, byte[] associatedData)
                      throws java.security.GeneralSecurityException {
                    throw new java.security.GeneralSecurityException("KMS unavailable");
                  }
                })
            .blobStore(blobs)
            .wrappedKeyStore(keys)
            .build();
    assertThatThrownBy(() -> store.put(SENDER, ALICE, new byte[] {1}, HOUR))
        .isInstanceOf(StorageKeyException.class)
        .hasMessage("cannot seal the record: data key unavailable");
    assertThat(blobs.references()).isEmpty();
    assertThat(keys.references()).isEmpty();
  }
}
