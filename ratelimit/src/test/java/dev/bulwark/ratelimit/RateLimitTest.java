package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitTest {

  @Test
  void factoriesSpreadThePeriodOverThePermits() {
    assertThat(RateLimit.perMinute(5).refillInterval()).isEqualTo(Duration.ofSeconds(12));
    assertThat(RateLimit.perMinute(5).capacity()).isEqualTo(5);
    assertThat(RateLimit.perSecond(1000).refillIntervalNanos()).isEqualTo(1_000_000);
    assertThat(RateLimit.perHour(60).refillInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(RateLimit.perDay(24).refillInterval()).isEqualTo(Duration.ofHours(1));
    assertThat(RateLimit.of(6, Duration.ofSeconds(30)).burstWindowNanos())
        .isEqualTo(Duration.ofMinutes(3).toNanos());
  }

  @Test
  void aRateThatIsNotAWholeNumberOfNanosecondsIsRoundedToTheStricterSide() {
    // 1 s / 3 = 333,333,333.33 ns: rounding down would admit slightly more than 3 per second.
    assertThat(RateLimit.perSecond(3).refillIntervalNanos()).isEqualTo(333_333_334);
    assertThat(RateLimit.perSecond(3).refillIntervalNanos() * 3)
        .isGreaterThanOrEqualTo(1_000_000_000);
  }

  @Test
  void capacityOutsideItsRangeIsRejectedWithTheRange() {
    assertThatThrownBy(() -> RateLimit.of(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity must be between 1 and 1000000000, got 0");
    assertThatThrownBy(() -> RateLimit.of(-5, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateLimit.perSecond(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateLimit.of(RateLimit.MAX_CAPACITY + 1, Duration.ofNanos(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void zeroNegativeAndOverflowSizedIntervalsAreRejected() {
    assertThatThrownBy(() -> RateLimit.of(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refillInterval must be positive");
    assertThatThrownBy(() -> RateLimit.of(1, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateLimit.of(1, Duration.ofSeconds(Long.MAX_VALUE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most");
    assertThatThrownBy(() -> RateLimit.of(1_000, Duration.ofDays(365)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacity * refillInterval must be at most");
    assertThatThrownBy(() -> RateLimit.of(1, null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void valueSemantics() {
    assertThat(RateLimit.perMinute(5)).isEqualTo(RateLimit.of(5, Duration.ofSeconds(12)));
    assertThat(RateLimit.perMinute(5)).hasSameHashCodeAs(RateLimit.of(5, Duration.ofSeconds(12)));
    assertThat(RateLimit.perMinute(5)).isNotEqualTo(RateLimit.perMinute(6));
    assertThat(RateLimit.perMinute(5).withCapacity(10).refillInterval())
        .isEqualTo(Duration.ofSeconds(12));
    assertThat(RateLimit.perMinute(5)).hasToString("RateLimit[capacity=5, refill=1 per PT12S]");
  }
}
