package dev.bulwark.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ratelimit.RateLimitDecision;
import dev.bulwark.ratelimit.spi.RateLimitStoreException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rate-limit store's reading of the GCRA script's replies, without a server: the general form
 * (four integers per subject) and the compact form (one integer for one subject with one limit)
 * become decisions; a reply of any other shape or out of range (null, another length, a string, an
 * allowed flag other than 0 or 1, a negative count, a denial without a retry-after, a value whose
 * nanoseconds overflow) is refused with {@link RateLimitStoreException}, which the limiter handles
 * by the policy's failure mode, and never surfaces as another exception.
 */
class RedisRateLimitStoreReplyTest {
  private static final long INTERVAL = 1_000; // µs per permit
  private static final long TAU = 10_000; // µs of burst: 10 permits

  @Test
  void theGeneralFormsReplyBecomesDecisions() {
    List<RateLimitDecision> d =
        RedisRateLimitStore.decode(List.of(1L, 4L, 0L, 6_000L, 0L, 0L, 500L, 10_000L), 2);
    assertThat(d.get(0).isAllowed()).isTrue();
    assertThat(d.get(0).remaining()).isEqualTo(4);
    assertThat(d.get(1).isAllowed()).isFalse();
    assertThat(d.get(1).retryAfterNanos()).isEqualTo(500_000);
  }

  static Stream<List<?>> badGeneralReplies() {
    return Stream.of(
        List.of(),
        List.of(1L, 4L, 0L),
        List.of(1L, 4L, 0L, 6_000L, 1L),
        List.of("1".getBytes(), 4L, 0L, 6_000L),
        List.of(1L, "4", 0L, 6_000L),
        Arrays.asList(1L, 4L, null, 6_000L),
        List.of(2L, 4L, 0L, 6_000L),
        List.of(-1L, 4L, 0L, 6_000L),
        List.of(1L, -4L, 0L, 6_000L),
        List.of(1L, 4L, 0L, -6_000L),
        List.of(0L, 4L, 0L, 6_000L),
        List.of(0L, 0L, -1L, 6_000L),
        List.of(1L, 4L, 0L, Long.MAX_VALUE / 999));
  }

  @ParameterizedTest
  @MethodSource("badGeneralReplies")
  void aGeneralReplyOfAnotherShapeIsAStoreFailure(List<?> reply) {
    assertThatThrownBy(() -> RedisRateLimitStore.decode(reply, 1))
        .isExactlyInstanceOf(RateLimitStoreException.class)
        .hasMessage("unexpected reply from the rate-limit script");
  }

  @Test
  void theCompactFormsReplyBecomesADecision() {
    RateLimitDecision allowed = RedisRateLimitStore.decodeCompact(3_000L, INTERVAL, TAU, 1);
    assertThat(allowed.isAllowed()).isTrue();
    assertThat(allowed.remaining()).isEqualTo(7);
    assertThat(allowed.resetAfterNanos()).isEqualTo(3_000_000);
    RateLimitDecision denied = RedisRateLimitStore.decodeCompact(-TAU - 1, INTERVAL, TAU, 1);
    assertThat(denied.isAllowed()).isFalse();
    assertThat(denied.remaining()).isZero();
    assertThat(denied.retryAfterNanos()).isEqualTo(1_000_000);
    assertThat(RedisRateLimitStore.decodeCompact(TAU, INTERVAL, TAU, 1).remaining()).isZero();
  }

  @ParameterizedTest
  @ValueSource(longs = {TAU + 1, -TAU - 2, Long.MAX_VALUE, Long.MIN_VALUE})
  void aCompactReplyOutOfRangeIsAStoreFailure(long reply) {
    assertThatThrownBy(() -> RedisRateLimitStore.decodeCompact(reply, INTERVAL, TAU, 1))
        .isExactlyInstanceOf(RateLimitStoreException.class)
        .hasMessage("unexpected reply from the rate-limit script");
  }

  @Test
  void aCompactReplyThatCannotBeADenialOrIsMissingIsAStoreFailure() {
    // A debt of 0 with a refill of 1 permit within the window leaves nothing to wait for.
    assertThatThrownBy(() -> RedisRateLimitStore.decodeCompact(-1L, INTERVAL, TAU, 1))
        .isExactlyInstanceOf(RateLimitStoreException.class);
    assertThatThrownBy(() -> RedisRateLimitStore.decodeCompact(null, INTERVAL, TAU, 1))
        .isExactlyInstanceOf(RateLimitStoreException.class);
  }

  @Test
  void noGeneralReplyIsAStoreFailure() {
    assertThatThrownBy(() -> RedisRateLimitStore.decode(null, 1))
        .isExactlyInstanceOf(RateLimitStoreException.class);
  }
}
