package dev.bulwark.redis.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recovery code record decoder, without a server: {@code remaining} counts the codes of a
 * well-formed record only, and refuses every record the consume script refuses (a count beyond the
 * hashes present, a truncated hash, trailing bytes, an empty hash) with {@link
 * RedisRecordException}, instead of reporting the count byte of a record no code can be redeemed
 * from.
 */
class RedisRecoveryCodeRecordDecodingTest {

  @Test
  void aWellFormedRecordDecodesToItsHashes() {
    byte[] record = {1, 2, 2, 1, 1, 3, 2, 2, 2};
    assertThat(RedisRecoveryCodeStore.decode(record))
        .containsExactly(new byte[] {1, 1}, new byte[] {2, 2, 2});
    assertThat(RedisRecoveryCodeStore.count(record)).isEqualTo(2);
    assertThat(RedisRecoveryCodeStore.count(null)).isZero();
    assertThat(RedisRecoveryCodeStore.encode(List.of(new byte[] {1, 1}, new byte[] {2, 2, 2})))
        .isEqualTo(record);
  }

  @Test
  void aCountBeyondTheHashesPresentIsRefusedNotReported() {
    assertThatThrownBy(() -> RedisRecoveryCodeStore.count(new byte[] {1, 5}))
        .isInstanceOf(RedisRecordException.class)
        .hasMessage("recovery codes: truncated");
  }

  @Test
  void everyOtherDefectTheScriptRefusesIsRefused() {
    assertThatThrownBy(() -> RedisRecoveryCodeStore.count(new byte[] {1, 1, 4, 1, 2}))
        .isInstanceOf(RedisRecordException.class)
        .hasMessage("recovery codes: truncated");
    assertThatThrownBy(() -> RedisRecoveryCodeStore.count(new byte[] {1, 1, 1, 9, 0}))
        .isInstanceOf(RedisRecordException.class)
        .hasMessage("recovery codes: trailing bytes");
    assertThatThrownBy(() -> RedisRecoveryCodeStore.count(new byte[] {1, 1, 0}))
        .isInstanceOf(RedisRecordException.class)
        .hasMessage("recovery codes: empty hash");
    assertThatThrownBy(() -> RedisRecoveryCodeStore.count(new byte[] {2, 1, 1, 7}))
        .isInstanceOf(RedisRecordException.class)
        .hasMessage("recovery codes: unknown version or length");
    assertThatThrownBy(() -> RedisRecoveryCodeStore.count(new byte[] {1}))
        .isInstanceOf(RedisRecordException.class)
        .hasMessage("recovery codes: unknown version or length");
  }
}
