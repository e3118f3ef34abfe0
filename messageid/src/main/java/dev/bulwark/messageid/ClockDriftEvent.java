package dev.bulwark.messageid;

import static dev.bulwark.messageid.internal.Checks.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * Reported by {@link ServerClock} when the wall clock reads further behind the highest reading it
 * gave before than the configured threshold.
 *
 * @param backwardStep how far behind the highest earlier reading the wall clock now reads
 * @param wallClock the wall-clock reading that triggered the alarm
 * @param highestWallClock the highest wall-clock reading seen before it
 */
public record ClockDriftEvent(Duration backwardStep, Instant wallClock, Instant highestWallClock) {
  /** Validates that no component is null. */
  public ClockDriftEvent {
    requireNonNull(backwardStep, "backwardStep");
    requireNonNull(wallClock, "wallClock");
    requireNonNull(highestWallClock, "highestWallClock");
  }
}
