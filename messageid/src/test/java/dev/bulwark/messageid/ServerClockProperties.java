package dev.bulwark.messageid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;

/** Invariants of server timestamps, stated as a reviewer would read them. */
class ServerClockProperties {

  /**
   * Server timestamps are strictly increasing per clock under any sequence of wall-clock readings
   * (forward, repeated, stepping back, absurdly large or negative), and never run behind the wall.
   */
  @Test
  void serverTimestampsAreStrictlyIncreasingUnderAnyWallClockReadings() {
    qt().forAll(
            lists()
                .of(longs().between(-10_000, 10_000).mix(longs().all(), 10))
                .ofSizeBetween(1, 300))
        .checkAssert(
            steps -> {
              ManualClock wall = new ManualClock();
              ServerClock clock = ServerClock.builder().clock(wall).build();
              long previous = Long.MIN_VALUE;
              for (long step : steps) {
                if (Math.abs(step) <= 10_000) {
                  wall.set(wall.millis() + step);
                } else {
                  wall.set(step);
                }
                long stamp = clock.nextMicros();
                assertThat(stamp).isGreaterThan(previous);
                long wallMicros = Math.max(0, Math.min(wall.millis(), 1L << 50) * 1_000);
                if (wall.millis() >= 0 && wall.millis() < (1L << 50)) {
                  assertThat(stamp).isGreaterThanOrEqualTo(wallMicros);
                }
                assertThat(clock.currentMillis() * 1_000).isLessThanOrEqualTo(stamp);
                previous = stamp;
              }
            });
  }
}
