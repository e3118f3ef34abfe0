package dev.bulwark.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ratelimit.spi.RateLimitStoreException;
import org.junit.jupiter.api.Test;

/**
 * The blocklist store's reading of its script's one-integer answers, without a server: microseconds
 * of ban left (not negative) and an unblock's 1 or 0; any other answer (none, negative, too large
 * to count in nanoseconds, another flag) is refused with {@link RateLimitStoreException}, never an
 * unboxing {@link NullPointerException} or an overflowed duration.
 */
class RedisBlocklistStoreReplyTest {

  @Test
  void theScriptsAnswersAreReadAsDocumented() {
    assertThat(RedisBlocklistStore.nanos(0L)).isZero();
    assertThat(RedisBlocklistStore.nanos(1_500L)).isEqualTo(1_500_000L);
    assertThat(RedisBlocklistStore.lifted(1L)).isTrue();
    assertThat(RedisBlocklistStore.lifted(0L)).isFalse();
  }

  @Test
  void anyOtherAnswerIsAStoreFailure() {
    for (Long bad : new Long[] {null, -1L, Long.MAX_VALUE / 999, Long.MIN_VALUE}) {
      assertThatThrownBy(() -> RedisBlocklistStore.nanos(bad))
          .isExactlyInstanceOf(RateLimitStoreException.class)
          .hasMessage("unexpected reply from the Redis blocklist script");
    }
    for (Long bad : new Long[] {null, -1L, 2L}) {
      assertThatThrownBy(() -> RedisBlocklistStore.lifted(bad))
          .isExactlyInstanceOf(RateLimitStoreException.class);
    }
  }
}
