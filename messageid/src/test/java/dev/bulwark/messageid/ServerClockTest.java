package dev.bulwark.messageid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerClockTest {
  private final ManualClock wall = new ManualClock();
  private final List<ClockDriftEvent> events = new ArrayList<>();
  private final ServerClock clock =
      ServerClock.builder()
          .clock(wall)
          .driftThreshold(Duration.ofSeconds(1))
          .driftListener(events::add)
          .build();

  @Test
  void followsTheWallClockAndBreaksTiesByOneMicrosecond() {
    long start = ManualClock.START_MILLIS * 1_000;
    assertThat(clock.nextMicros()).isEqualTo(start);
    assertThat(clock.nextMicros()).isEqualTo(start + 1);
    wall.advance(Duration.ofMillis(5));
    assertThat(clock.nextMicros()).isEqualTo(start + 5_000);
    assertThat(clock.next())
        .isEqualTo(Instant.ofEpochMilli(ManualClock.START_MILLIS + 5).plusNanos(1_000));
  }

  @Test
  void aBackwardStepBeyondTheThresholdRaisesOneAlarmAndStampsKeepRising() {
    long before = clock.nextMicros();
    wall.advance(Duration.ofSeconds(-10));
    long during = clock.nextMicros();
    long during2 = clock.nextMicros();
    assertThat(during).isGreaterThan(before);
    assertThat(during2).isGreaterThan(during);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).backwardStep()).isEqualTo(Duration.ofSeconds(10));
    assertThat(events.get(0).highestWallClock())
        .isEqualTo(Instant.ofEpochMilli(ManualClock.START_MILLIS));
    assertThat(clock.driftAlarmCount()).isEqualTo(1);
    // Caught up: the alarm re-arms, and a second step raises a second alarm.
    wall.advance(Duration.ofSeconds(10));
    assertThat(clock.nextMicros()).isGreaterThan(during2);
    wall.advance(Duration.ofSeconds(-5));
    assertThat(clock.currentMillis()).isEqualTo(ManualClock.START_MILLIS);
    assertThat(events).hasSize(2);
  }

  @Test
  void aBackwardStepWithinTheThresholdRaisesNoAlarm() {
    long before = clock.nextMicros();
    wall.advance(Duration.ofMillis(-900));
    assertThat(clock.nextMicros()).isEqualTo(before + 1);
    assertThat(events).isEmpty();
  }

  @Test
  void aFailingListenerDoesNotStopTimestamps() {
    ServerClock fragile =
        ServerClock.builder()
            .clock(wall)
            .driftListener(
                e -> {
                  throw new IllegalStateException("listener down");
                })
            .build();
    long before = fragile.nextMicros();
    wall.advance(Duration.ofHours(-1));
    assertThat(fragile.nextMicros()).isGreaterThan(before);
    assertThat(fragile.driftAlarmCount()).isEqualTo(1);
  }

  @Test
  void extremeWallReadingsAreClampedWithoutOverflow() {
    wall.set(Long.MAX_VALUE);
    long high = clock.nextMicros();
    assertThat(high).isEqualTo(1L << 61);
    assertThat(clock.nextMicros()).isEqualTo(high + 1);
    wall.set(Long.MIN_VALUE);
    assertThat(clock.nextMicros()).isEqualTo(high + 2);
  }

  @Test
  void theThresholdIsValidated() {
    assertThatThrownBy(() -> ServerClock.builder().driftThreshold(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("driftThreshold must be between");
  }
}
