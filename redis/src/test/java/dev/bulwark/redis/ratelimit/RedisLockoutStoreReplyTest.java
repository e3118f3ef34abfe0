package dev.bulwark.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ratelimit.spi.LockoutState;
import dev.bulwark.ratelimit.spi.RateLimitStoreException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lockout store's reading of its script's reply, without a server: the documented five
 * non-negative integers become a {@link LockoutState}; a reply of any other shape (null, another
 * length, a string, a negative count, a permanence flag other than 0 or 1, a lock too long to count
 * in nanoseconds) is refused with {@link RateLimitStoreException}, so the guard refuses the
 * attempt, and never surfaces as a {@link ClassCastException} or {@link IndexOutOfBoundsException}.
 */
class RedisLockoutStoreReplyTest {

  @Test
  void theScriptsReplyBecomesTheState() {
    assertThat(RedisLockoutStore.state(List.of(0L, 0L, 0L, 0L, 0L))).isSameAs(LockoutState.CLEAR);
    assertThat(RedisLockoutStore.state(List.of(3L, 1L, 250L, 0L, 2L)))
        .isEqualTo(new LockoutState(3, 1, 250_000, false, 2));
    assertThat(RedisLockoutStore.state(List.of(7L, 3L, 0L, 1L, 0L)).permanent()).isTrue();
    assertThat(RedisLockoutStore.state(List.of(1L << 40, 0L, 0L, 0L, 0L)).failures())
        .as("saturated")
        .isEqualTo(Integer.MAX_VALUE);
  }

  static Stream<List<?>> badReplies() {
    return Stream.of(
        List.of(),
        List.of(0L, 0L, 0L, 0L),
        List.of(0L, 0L, 0L, 0L, 0L, 0L),
        List.of("1".getBytes(), 0L, 0L, 0L, 0L),
        List.of(1L, 0L, "OK", 0L, 0L),
        List.of(1L, 0L, 0L, 0L, List.of(1L)),
        Arrays.asList(1L, null, 0L, 0L, 0L),
        List.of(-1L, 0L, 0L, 0L, 0L),
        List.of(1L, 0L, -5L, 0L, 0L),
        List.of(1L, 0L, 0L, 2L, 0L),
        List.of(1L, 0L, Long.MAX_VALUE / 999, 0L, 0L),
        List.of(1L, 0L, 0L, 0L, -1L));
  }

  @ParameterizedTest
  @MethodSource("badReplies")
  void aReplyOfAnotherShapeIsAStoreFailure(List<?> reply) {
    assertThatThrownBy(() -> RedisLockoutStore.state(reply))
        .isExactlyInstanceOf(RateLimitStoreException.class)
        .hasMessage("unexpected reply from the Redis lockout script");
  }

  @Test
  void noReplyIsAStoreFailure() {
    assertThatThrownBy(() -> RedisLockoutStore.state(null))
        .isExactlyInstanceOf(RateLimitStoreException.class);
  }
}
