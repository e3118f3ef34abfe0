package dev.bulwark.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz test of the decoder of the values the Redis challenge store reads back with {@code GETDEL},
 * decoded straight from bytes (no server): any bytes either hold a digest (tag {@code 0x01}), which
 * the store would write back as exactly those bytes, or answer null (a used mark {@code 0x00}, an
 * empty value, an unknown tag), as {@code take} of a mark does; nothing is ever thrown. In the
 * normal build it replays the seeds under {@code
 * src/test/resources/dev/bulwark/redis/ratelimit/RedisChallengeValueFuzzTestInputs/}; with {@code
 * JAZZER_FUZZ=1} Jazzer explores further.
 */
class RedisChallengeValueFuzzTest {

  /** A value holds a digest exactly when tagged 0x01, and it is written back as the same bytes. */
  @FuzzTest(maxDuration = "30s")
  void valuesHoldADigestThatEncodesBackOrNone(byte[] value) {
    byte[] digest = RedisChallengeStore.digestOf(value);
    if (digest == null) {
      assertThat(value.length == 0 || value[0] != 1)
          .as("a tagged digest is never dropped")
          .isTrue();
      return;
    }
    assertThat(value[0]).isEqualTo((byte) 1);
    assertThat(RedisChallengeStore.digestValue(digest)).isEqualTo(value);
  }
}
