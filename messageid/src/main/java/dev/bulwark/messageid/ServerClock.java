package dev.bulwark.messageid;

import static dev.bulwark.messageid.internal.Checks.requireInRange;
import static dev.bulwark.messageid.internal.Checks.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.jspecify.annotations.Nullable;

/**
 * Server timestamps that never go backwards: Unix microseconds, strictly increasing per instance
 * whatever the wall clock does.
 *
 * <p><b>How.</b> In the style of a hybrid logical clock, each stamp is {@code max(wall, last + 1)}:
 * it follows the injected wall clock while that moves forward, and if the wall clock stands still
 * within a microsecond or steps back, stamps advance one microsecond at a time from the last one
 * until the wall clock catches up. A wall reading before 1970 counts as 0, and readings are capped
 * at 2<sup>61</sup> µs (year 75,000), so no arithmetic overflows.
 *
 * <p><b>Drift alarm.</b> When the wall clock reads more than {@link Builder#driftThreshold} behind
 * the highest reading seen so far, the {@link ClockDriftListener} gets one {@link ClockDriftEvent};
 * the alarm re-arms once the wall clock is back within the threshold.
 *
 * <p>This class is thread-safe; each reading holds a lock briefly.
 */
public final class ServerClock {
  private static final long MAX_MICROS = 1L << 61;
  private static final long MAX_SECONDS = MAX_MICROS / 1_000_000;

  private final InstantSource clock;
  private final long thresholdMicros;
  private final ClockDriftListener listener;
  private long lastMicros = Long.MIN_VALUE;
  private long highestWallMicros = Long.MIN_VALUE;
  private boolean alarmed;
  private long alarms;

  private ServerClock(Builder b) {
    this.clock = b.clock;
    this.thresholdMicros = b.driftThreshold.toNanos() / 1_000;
    this.listener = b.listener;
  }

  /** Returns a server clock on the system wall clock with the default drift threshold (1 s). */
  public static ServerClock create() {
    return builder().build();
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Issues a timestamp, in Unix microseconds, greater than every one issued before. */
  public long nextMicros() {
    return read(true);
  }

  /** Issues a timestamp like {@link #nextMicros()}, as an {@link Instant}. */
  public Instant next() {
    return ofMicros(nextMicros());
  }

  /**
   * The server's current time in Unix milliseconds without issuing a stamp: the wall clock, or the
   * last issued stamp if that is later. Used to judge client timestamps.
   */
  public long currentMillis() {
    return Math.floorDiv(read(false), 1_000L);
  }

  /** Reads the wall clock, tracks drift, and issues a stamp or just answers the current time. */
  private long read(boolean issue) {
    long wall = wallMicros();
    long micros;
    @Nullable ClockDriftEvent event;
    synchronized (this) {
      event = observe(wall);
      if (issue) {
        micros = Math.max(wall, lastMicros + 1);
        lastMicros = micros;
      } else {
        micros = Math.max(wall, lastMicros);
      }
    }
    fire(event);
    return micros;
  }

  /** How many drift alarms have been raised. */
  public synchronized long driftAlarmCount() {
    return alarms;
  }

  /** Converts a stamp to an {@link Instant}. */
  public static Instant ofMicros(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /**
   * Tracks the highest wall reading; returns an event if an alarm must be raised. Holds the lock.
   */
  private @Nullable ClockDriftEvent observe(long wall) {
    if (wall > highestWallMicros) {
      highestWallMicros = wall;
    }
    long behind = highestWallMicros - wall;
    if (behind <= thresholdMicros) {
      alarmed = false;
      return null;
    }
    if (alarmed) {
      return null;
    }
    alarmed = true;
    alarms++;
    return new ClockDriftEvent(
        Duration.ofNanos(behind * 1_000L), ofMicros(wall), ofMicros(highestWallMicros));
  }

  private void fire(@Nullable ClockDriftEvent event) {
    if (event != null) {
      try {
        listener.onBackwardStep(event);
      } catch (RuntimeException ignored) {
        // Documented: a failing listener must not stop timestamps being issued.
      }
    }
  }

  private long wallMicros() {
    Instant now = clock.instant();
    long seconds = now.getEpochSecond();
    if (seconds < 0) {
      return 0;
    }
    if (seconds >= MAX_SECONDS) {
      return MAX_MICROS;
    }
    return seconds * 1_000_000L + now.getNano() / 1_000;
  }

  @Override
  public String toString() {
    return "ServerClock[driftThreshold=" + Duration.ofNanos(thresholdMicros * 1_000L) + "]";
  }

  /** Builds a {@link ServerClock}. */
  public static final class Builder {
    private InstantSource clock = InstantSource.system();
    private Duration driftThreshold = Duration.ofSeconds(1);
    private ClockDriftListener listener = ClockDriftListener.ignoring();

    private Builder() {}

    /** Sets the wall clock; {@link InstantSource#system()} by default. */
    @CanIgnoreReturnValue
    public Builder clock(InstantSource clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Sets how far back the wall clock may step before an alarm, 1 ms to 1 day; 1 s by default. */
    @CanIgnoreReturnValue
    public Builder driftThreshold(Duration threshold) {
      this.driftThreshold =
          requireInRange("driftThreshold", threshold, Duration.ofMillis(1), Duration.ofDays(1));
      return this;
    }

    /** Sets who hears about drift alarms; nobody by default. */
    @CanIgnoreReturnValue
    public Builder driftListener(ClockDriftListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /** Returns the clock. */
    public ServerClock build() {
      return new ServerClock(this);
    }
  }
}
