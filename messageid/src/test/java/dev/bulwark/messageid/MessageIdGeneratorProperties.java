package dev.bulwark.messageid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;

/** Invariants of server-generated message IDs, stated as a reviewer would read them. */
class MessageIdGeneratorProperties {

  /**
   * Every ID a generator returns is greater than every ID it returned before, whatever the wall
   * clock reads: forwards, standing still or stepping back, and before 1970.
   */
  @Test
  void idsFromOneGeneratorAreStrictlyIncreasingUnderAnyClockReadings() {
    qt().forAll(
            lists()
                .of(longs().between(-1_000, ManualClock.START_MILLIS + 1_000))
                .ofSizeBetween(1, 200),
            integers().between(1, 20))
        .checkAssert(
            (readings, idsPerReading) -> {
              ManualClock clock = new ManualClock(0);
              MessageIdGenerator generator = MessageIdGenerator.builder().clock(clock).build();
              MessageId previous = null;
              for (long reading : readings) {
                clock.set(reading);
                for (int i = 0; i < idsPerReading; i++) {
                  MessageId next = generator.next();
                  if (previous != null) {
                    assertThat(next).isGreaterThan(previous);
                  }
                  assertThat(next.version()).isEqualTo(7);
                  assertThat(next.leastSignificantBits() >>> 62).isEqualTo(0b10);
                  previous = next;
                }
              }
            });
  }
}
