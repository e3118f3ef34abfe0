package dev.bulwark.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.storage.spi.BlobEntry;
import dev.bulwark.storage.spi.RecipientRef;

/**
 * Fuzz tests of the record parser and of the whole open path. In the normal build they replay the
 * committed seeds under {@code src/test/resources/dev/bulwark/storage/RecordFormatFuzzTestInputs/};
 * with {@code JAZZER_FUZZ=1} Jazzer explores further.
 */
class RecordFormatFuzzTest {
  private static final Fixture FIXTURE = new Fixture();
  private static final RecordId PLANTED = RecordId.of(new byte[16]);

  /** Any bytes either parse to a header of a known format or are refused with a typed reason. */
  @FuzzTest(maxDuration = "30s")
  void headersParseOrAreRefusedWithATypedReason(byte[] input) {
    try {
      RecordFormat.Header header = RecordFormat.parseHeader(input);
      assertThat(input.length).isGreaterThanOrEqualTo(RecordFormat.MIN_LENGTH);
      assertThat(input[0]).isIn(RecordFormat.VERSION_1_PLAIN, RecordFormat.VERSION_1_PADDED);
      assertThat(header.padded()).isEqualTo(input[0] == RecordFormat.VERSION_1_PADDED);
    } catch (MalformedRecordException e) {
      assertThat(e.reason())
          .isIn(UnreadableReason.MALFORMED, UnreadableReason.UNKNOWN_FORMAT_VERSION);
    }
  }

  /**
   * Any bytes stored as a record of a recipient who has a real data key never open, are reported
   * unreadable with a reason, and leave the queue as it was.
   */
  @FuzzTest(maxDuration = "30s")
  void storedJunkNeverOpensAndNeverChangesTheStore(byte[] input) {
    Fixture f = FIXTURE;
    f.store.purge(Fixture.OPERATOR, Fixture.ALICE);
    f.put(Fixture.ALICE, "real");
    RecipientRef ref = f.blobs.references().get(0);
    f.blobs.put(ref, new BlobEntry(PLANTED, input, Long.MAX_VALUE));
    FetchResult r = f.fetch(Fixture.ALICE);
    assertThat(r.records()).extracting(StoredRecord::payloadLength).containsExactly(4);
    assertThat(r.unreadable())
        .extracting(FetchResult.UnreadableRecord::id)
        .containsExactly(PLANTED);
    assertThat(f.store.count(Fixture.OPERATOR, Fixture.ALICE)).isEqualTo(2);
  }
}
