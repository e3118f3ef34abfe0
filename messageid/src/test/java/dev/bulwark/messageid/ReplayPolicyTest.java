package dev.bulwark.messageid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplayPolicyTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    ReplayPolicy p = ReplayPolicy.defaults();
    assertThat(p.dedupMode()).isEqualTo(DedupMode.SEQUENCE);
    assertThat(p.windowBits()).isEqualTo(1024);
    assertThat(p.maxPast()).isEqualTo(Duration.ofHours(24));
    assertThat(p.maxFuture()).isEqualTo(Duration.ofSeconds(60));
    assertThat(p.reorderTolerance()).isEqualTo(Duration.ofMinutes(5));
    assertThat(p.retention()).isEqualTo(Duration.ofHours(24).plusSeconds(60));
    assertThat(p.toBuilder().build()).isEqualTo(p).hasSameHashCodeAs(p);
  }

  @Test
  void theFutureSkewIsCappedAtFiveMinutes() {
    assertThat(ReplayPolicy.builder().maxFuture(Duration.ofMinutes(5)).build().maxFuture())
        .isEqualTo(Duration.ofMinutes(5));
    assertThatThrownBy(() -> ReplayPolicy.builder().maxFuture(Duration.ofMinutes(5).plusMillis(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxFuture must be between PT0S and PT5M, got PT5M0.001S");
    assertThatThrownBy(() -> ReplayPolicy.builder().maxFuture(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void boundsAreValidated() {
    assertThatThrownBy(() -> ReplayPolicy.builder().maxPast(Duration.ofMillis(999)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxPast must be between PT1S and PT720H");
    assertThatThrownBy(() -> ReplayPolicy.builder().maxPast(Duration.ofNanos(1_500_000_001L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whole milliseconds");
    assertThatThrownBy(
            () ->
                ReplayPolicy.builder()
                    .maxPast(Duration.ofMinutes(1))
                    .reorderTolerance(Duration.ofMinutes(2))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reorderTolerance must not exceed maxPast");
    assertThatThrownBy(() -> ReplayPolicy.builder().maxPast(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("maxPast must not be null");
  }

  @Test
  void extremeTimestampsAreJudgedWithoutOverflow() {
    ReplayPolicy p = ReplayPolicy.defaults();
    long now = ManualClock.START_MILLIS;
    assertThat(p.checkTimestamp(Long.MAX_VALUE, now)).isEqualTo(TimestampOutcome.FROM_FUTURE);
    assertThat(p.checkTimestamp(Long.MIN_VALUE, now)).isEqualTo(TimestampOutcome.TOO_OLD);
    assertThat(p.checkTimestamp(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(TimestampOutcome.ACCEPT);
    assertThat(p.checkTimestamp(Long.MIN_VALUE, Long.MIN_VALUE)).isEqualTo(TimestampOutcome.ACCEPT);
    assertThat(p.isOutOfOrder(Long.MIN_VALUE, Long.MIN_VALUE)).isFalse();
    assertThat(p.forgetAfterMillis(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
  }
}
