package dev.bulwark.redis.ratelimit;

import static dev.bulwark.redis.NoEcho.assertNoEcho;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.ratelimit.spi.RateLimitStoreException;

/**
 * Fuzz test of the decoder of the values the Redis challenge store takes back, decoded straight
 * from bytes (no server): any bytes either hold a digest (tag {@code 0x01}), which the store would
 * write back as exactly those bytes, or are a used mark (exactly {@code 0x00}), which holds none,
 * or are refused with {@link RateLimitStoreException} whose message holds none of them (an empty
 * value, an unknown tag, a mark with trailing bytes: values the store never writes); nothing else
 * is ever thrown. In the normal build it replays the seeds under {@code
 * src/test/resources/dev/bulwark/redis/ratelimit/RedisChallengeValueFuzzTestInputs/}; with {@code
 * JAZZER_FUZZ=1} Jazzer explores further.
 */
class RedisChallengeValueFuzzTest {

  /**
   * A value holds a digest exactly when tagged 0x01, written back as the same bytes; only the used
   * mark holds none; anything else is refused.
   */
  @FuzzTest(maxDuration = "30s")
  void valuesHoldADigestThatEncodesBackOrNone(byte[] value) {
    byte[] digest;
    try {
      digest = RedisChallengeStore.digestOf(value);
    } catch (RateLimitStoreException refused) {
      assertThat(value.length == 0 || (value[0] != 1 && !(value.length == 1 && value[0] == 0)))
          .as("only values the store never writes are refused")
          .isTrue();
      assertThat(refused.getMessage())
          .isEqualTo("the Redis challenge store holds a value not in its format");
      assertNoEcho(refused, value);
      return;
    }
    if (digest == null) {
      assertThat(value).as("only the used mark holds no digest").containsExactly(0);
      return;
    }
    assertThat(value[0]).isEqualTo((byte) 1);
    assertThat(RedisChallengeStore.digestValue(digest)).isEqualTo(value);
  }
}
