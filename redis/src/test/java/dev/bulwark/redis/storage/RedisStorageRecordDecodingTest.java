package dev.bulwark.redis.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.storage.RecordId;
import dev.bulwark.storage.spi.BlobEntry;
import dev.bulwark.storage.spi.StoreUnavailableException;
import dev.bulwark.storage.spi.WrappedDataKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The storage stores' decoders, without a server: a blob value whose expiry is not a number, or is
 * spelled other than as the store writes it, a listed record ID that is not 32 lowercase hex
 * digits, a data key ID spelled other than as the store writes it, and a wrapped key whose KEK ID
 * is not UTF-8 are each refused with {@link StoreUnavailableException} ("not in this store's
 * format"), never a {@link NumberFormatException} or {@link IllegalArgumentException}, and never
 * read as some other value.
 */
class RedisStorageRecordDecodingTest {
  private static final RecordId ID = RecordId.of(new byte[16]);

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void aBlobValueAsTheStoreWritesItDecodes() {
    BlobEntry e = RedisBlobStore.decode(ID, ascii("-5:sealed"));
    assertThat(e.expiresAtEpochSecond()).isEqualTo(-5);
    assertThat(e.blob()).isEqualTo(ascii("sealed"));
    assertThat(RedisBlobStore.decode(ID, ascii("1700000000:")).length()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abc:sealed",
        "9223372036854775808:sealed",
        "+5:sealed",
        "05:sealed",
        "-0:sealed",
        "1 :sealed",
        ":sealed",
        "1700000000"
      })
  void aBlobValueWithAnExpiryTheStoreCannotHaveWrittenIsRefused(String value) {
    assertThatThrownBy(() -> RedisBlobStore.decode(ID, ascii(value)))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessage("Redis blob store: a stored record is not in this store's format");
  }

  @Test
  void aListedRecordIdMustBeLowercaseHexOfSixteenBytes() {
    assertThat(RedisBlobStore.recordId(ascii("0123456789abcdef0123456789abcdef")).toBytes())
        .startsWith(0x01, 0x23);
    for (String member :
        new String[] {
          "0123456789ABCDEF0123456789ABCDEF",
          "0123456789abcdef",
          "0123456789abcdefg123456789abcdef",
          "0123456789abcdef0123456789abcde",
          ""
        }) {
      assertThatThrownBy(() -> RedisBlobStore.recordId(ascii(member)))
          .as(member)
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessage("Redis blob store: a stored record is not in this store's format");
    }
  }

  @Test
  void aWrappedKeyWhoseKekIdIsNotUtf8IsRefused() {
    WrappedDataKey key = new WrappedDataKey(7, "kek-\u00e9", new byte[] {1, 2, 3}, 1_700_000_000L);
    byte[] value = RedisWrappedKeyStore.encode(key);
    assertThat(RedisWrappedKeyStore.decode(7, value)).isEqualTo(key);
    byte[] notUtf8 = value.clone();
    notUtf8[12 + 4] = (byte) 0xFF; // the first byte of the two-byte "é"
    assertThat(ByteBuffer.wrap(notUtf8, 8, 4).getInt()).isEqualTo(6);
    assertThatThrownBy(() -> RedisWrappedKeyStore.decode(7, notUtf8))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessage("Redis wrapped-key store: a stored key is not in this store's format");
  }

  @Test
  void aDataKeyIdAsTheStoreWritesItDecodes() {
    assertThat(RedisWrappedKeyStore.keyId("5")).isEqualTo(5);
    assertThat(RedisWrappedKeyStore.keyId("0")).isZero();
    assertThat(RedisWrappedKeyStore.keyId("-7")).isEqualTo(-7);
    assertThat(RedisWrappedKeyStore.keyId("2147483647")).isEqualTo(Integer.MAX_VALUE);
    assertThat(RedisWrappedKeyStore.keyId("-2147483648")).isEqualTo(Integer.MIN_VALUE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+5",
        "05",
        "00",
        "-0",
        "-05",
        " 5",
        "5 ",
        "",
        "five",
        "2147483648",
        "\u0665",
        "0x5"
      })
  void aDataKeyIdTheStoreCannotHaveWrittenIsRefused(String field) {
    assertThatThrownBy(() -> RedisWrappedKeyStore.keyId(field))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessage("Redis wrapped-key store: a stored key is not in this store's format");
  }

  @Test
  void aListReplyIsPairsOfARecordIdAndAValue() {
    byte[] id = ascii("0123456789abcdef0123456789abcdef");
    List<BlobEntry> entries = RedisBlobStore.entries(List.of(id, ascii("7:x"), id, ascii("8:")));
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).expiresAtEpochSecond()).isEqualTo(7);
    assertThat(RedisBlobStore.entries(List.of())).isEmpty();
    for (List<?> reply :
        List.<List<?>>of(
            List.of(id),
            List.of(id, ascii("7:x"), id),
            List.of("0123456789abcdef0123456789abcdef", ascii("7:x")),
            List.of(id, 7L),
            List.of(List.of(id), ascii("7:x")))) {
      assertThatThrownBy(() -> RedisBlobStore.entries(reply))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessage("Redis blob store: a stored record is not in this store's format");
    }
    assertThatThrownBy(() -> RedisBlobStore.entries(null))
        .isInstanceOf(StoreUnavailableException.class);
  }
}
