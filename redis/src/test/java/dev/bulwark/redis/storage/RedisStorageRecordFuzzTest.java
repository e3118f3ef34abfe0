package dev.bulwark.redis.storage;

import static dev.bulwark.redis.NoEcho.assertNoEcho;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.redis.internal.Calls;
import dev.bulwark.storage.RecordId;
import dev.bulwark.storage.spi.BlobEntry;
import dev.bulwark.storage.spi.StoreUnavailableException;
import dev.bulwark.storage.spi.WrappedDataKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Fuzz tests of the decoders of what the Redis storage stores read back, decoded straight from
 * bytes (no server): wrapped data keys, the data key IDs naming them (hash fields), blob hash
 * values ({@code "<expiry second>:<sealed bytes>"}) and record IDs listed by the blob script. Any
 * bytes either decode to a value whose encoding, as the store writes it, is exactly those bytes
 * (one encoding per value), or are refused with {@link StoreUnavailableException} whose message
 * says the value is not in the store's format and holds none of the bytes; nothing else is ever
 * thrown. In the normal build they replay the seeds under {@code
 * src/test/resources/dev/bulwark/redis/storage/RedisStorageRecordFuzzTestInputs/}; with {@code
 * JAZZER_FUZZ=1} Jazzer explores further.
 */
class RedisStorageRecordFuzzTest {
  private static final RecordId ID = RecordId.of(new byte[16]);
  private static final int KEY_ID = 7;

  /** A wrapped-key hash value decodes to a key that encodes back to it, or is refused. */
  @FuzzTest(maxDuration = "30s")
  void wrappedKeysDecodeCanonicallyOrAreRefused(byte[] value) {
    WrappedDataKey key;
    try {
      key = RedisWrappedKeyStore.decode(KEY_ID, value);
    } catch (StoreUnavailableException refused) {
      assertThat(refused.getMessage()).startsWith("Redis wrapped-key store: ");
      assertNoEcho(refused, value);
      return;
    }
    assertThat(key.keyId()).isEqualTo(KEY_ID);
    assertThat(RedisWrappedKeyStore.encode(key)).isEqualTo(value);
  }

  /**
   * A blob hash value decodes to an entry whose expiry, in decimal as the store hands it to the
   * script, a colon and the sealed bytes are exactly the value; or it is refused.
   */
  @FuzzTest(maxDuration = "30s")
  void blobValuesDecodeCanonicallyOrAreRefused(byte[] value) {
    BlobEntry entry;
    try {
      entry = RedisBlobStore.decode(ID, value);
    } catch (StoreUnavailableException refused) {
      assertThat(refused.getMessage()).startsWith("Redis blob store: ");
      assertNoEcho(refused, value);
      return;
    }
    assertThat(entry.id()).isEqualTo(ID);
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    written.writeBytes(Calls.arg(entry.expiresAtEpochSecond()));
    written.write(':');
    written.writeBytes(entry.blob());
    assertThat(written.toByteArray()).isEqualTo(value);
  }

  /**
   * A record ID listed by the blob script is 32 lowercase hex digits, exactly as the store writes
   * it; anything else is refused.
   */
  @FuzzTest(maxDuration = "30s")
  void listedRecordIdsDecodeCanonicallyOrAreRefused(byte[] member) {
    RecordId id;
    try {
      id = RedisBlobStore.recordId(member);
    } catch (StoreUnavailableException refused) {
      assertThat(refused.getMessage()).startsWith("Redis blob store: ");
      assertNoEcho(refused, member);
      return;
    }
    assertThat(HexFormat.of().formatHex(id.toBytes()).getBytes(StandardCharsets.US_ASCII))
        .isEqualTo(member);
  }

  /**
   * A data key ID listed as a hash field (read as UTF-8, as the backend's codec reads it) is the
   * decimal form the store writes, exactly the field that {@code get} of that ID reads; anything
   * else is refused.
   */
  @FuzzTest(maxDuration = "30s")
  void listedKeyIdsDecodeCanonicallyOrAreRefused(byte[] field) {
    String text = new String(field, StandardCharsets.UTF_8);
    int keyId;
    try {
      keyId = RedisWrappedKeyStore.keyId(text);
    } catch (StoreUnavailableException refused) {
      assertThat(refused.getMessage()).startsWith("Redis wrapped-key store: ");
      assertNoEcho(refused, field);
      return;
    }
    assertThat(Integer.toString(keyId).getBytes(StandardCharsets.UTF_8)).isEqualTo(field);
  }
}
