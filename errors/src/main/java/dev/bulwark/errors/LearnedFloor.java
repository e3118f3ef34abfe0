package dev.bulwark.errors;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.errors.internal.Checks;
import java.time.Duration;
import java.util.Locale;

/**
 * How a {@link TimingEqualizer} learns its floor from observed durations: the floor is a high
 * percentile of the last {@link #windowSize()} durations plus a {@link #margin()}, never below
 * {@link #minimum()} and never above {@link #cap()}. Until {@link #warmupSamples()} durations have
 * been observed the floor is the cap, so nothing leaks while the equalizer learns.
 *
 * <p>Feed it the durations of the slowest path (with {@link DummyWork}, every path is the slowest
 * path): the equalizer observes every call it wraps, and {@link TimingEqualizer#observe} takes
 * durations measured elsewhere. Immutable and thread-safe.
 */
public final class LearnedFloor {
  private final double percentile;
  private final long marginNanos;
  private final long minimumNanos;
  private final long capNanos;
  private final int windowSize;
  private final int warmupSamples;

  private LearnedFloor(Builder b) {
    this.percentile = b.percentile;
    this.marginNanos = b.marginNanos;
    this.minimumNanos = b.minimumNanos;
    this.capNanos = b.capNanos;
    this.windowSize = b.windowSize;
    this.warmupSamples = b.warmupSamples;
  }

  /** Returns a builder with percentile 0.99, margin 2 ms, minimum 0, cap 2 s, window 1024. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the percentile of observed durations the floor follows, in [0.5, 0.9999]. */
  public double percentile() {
    return percentile;
  }

  /** Returns what is added to the percentile. */
  public Duration margin() {
    return Duration.ofNanos(marginNanos);
  }

  /** Returns the lowest floor. */
  public Duration minimum() {
    return Duration.ofNanos(minimumNanos);
  }

  /** Returns the highest floor, also the floor during warm-up. */
  public Duration cap() {
    return Duration.ofNanos(capNanos);
  }

  /** Returns how many recent durations the percentile is taken over. */
  public int windowSize() {
    return windowSize;
  }

  /** Returns how many durations must be observed before the floor leaves the cap. */
  public int warmupSamples() {
    return warmupSamples;
  }

  long marginNanos() {
    return marginNanos;
  }

  long minimumNanos() {
    return minimumNanos;
  }

  long capNanos() {
    return capNanos;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "LearnedFloor[p%s + %s, min %s, cap %s, window %d, warmup %d]",
        percentile * 100,
        margin(),
        minimum(),
        cap(),
        windowSize,
        warmupSamples);
  }

  /** Builds a {@link LearnedFloor}; not thread-safe. */
  public static final class Builder {
    private static final long MAX_NANOS = Duration.ofMinutes(1).toNanos();

    private double percentile = 0.99;
    private long marginNanos = Duration.ofMillis(2).toNanos();
    private long minimumNanos;
    private long capNanos = Duration.ofSeconds(2).toNanos();
    private int windowSize = 1024;
    private int warmupSamples = 100;

    private Builder() {}

    /**
     * Sets the percentile, e.g. 0.99.
     *
     * @throws IllegalArgumentException unless in [0.5, 0.9999]
     */
    @CanIgnoreReturnValue
    public Builder percentile(double percentile) {
      Checks.requireArgument(
          percentile >= 0.5 && percentile <= 0.9999,
          "percentile must be between 0.5 and 0.9999, got %s",
          percentile);
      this.percentile = percentile;
      return this;
    }

    /**
     * Sets the margin added to the percentile.
     *
     * @throws IllegalArgumentException unless between 0 and 1 minute
     */
    @CanIgnoreReturnValue
    public Builder margin(Duration margin) {
      this.marginNanos = nanos("margin", margin, 0);
      return this;
    }

    /**
     * Sets the lowest floor.
     *
     * @throws IllegalArgumentException unless between 0 and 1 minute
     */
    @CanIgnoreReturnValue
    public Builder minimum(Duration minimum) {
      this.minimumNanos = nanos("minimum", minimum, 0);
      return this;
    }

    /**
     * Sets the highest floor, which is also the floor during warm-up.
     *
     * @throws IllegalArgumentException unless between 1 microsecond and 1 minute
     */
    @CanIgnoreReturnValue
    public Builder cap(Duration cap) {
      this.capNanos = nanos("cap", cap, 1_000);
      return this;
    }

    /**
     * Sets how many recent durations the percentile is taken over.
     *
     * @throws IllegalArgumentException unless between 16 and 65536
     */
    @CanIgnoreReturnValue
    public Builder windowSize(int windowSize) {
      this.windowSize = Checks.requireInRange("windowSize", windowSize, 16, 65_536);
      return this;
    }

    /**
     * Sets how many durations must be observed before the floor leaves the cap.
     *
     * @throws IllegalArgumentException unless between 1 and 65536 (and at most the window size, as
     *     checked by {@link #build()})
     */
    @CanIgnoreReturnValue
    public Builder warmupSamples(int warmupSamples) {
      this.warmupSamples = Checks.requireInRange("warmupSamples", warmupSamples, 1, 65_536);
      return this;
    }

    private static long nanos(String name, Duration d, long min) {
      Checks.requireNonNull(d, name);
      Checks.requireArgument(
          d.compareTo(Duration.ofNanos(min)) >= 0 && d.compareTo(Duration.ofNanos(MAX_NANOS)) <= 0,
          "%s must be between %d ns and 1 minute, got %s",
          name,
          min,
          d);
      return d.toNanos();
    }

    /**
     * Returns the configuration.
     *
     * @throws IllegalArgumentException if minimum exceeds cap or warm-up exceeds the window
     */
    public LearnedFloor build() {
      Checks.requireArgument(
          minimumNanos <= capNanos,
          "minimum (%d ns) must not exceed cap (%d ns)",
          minimumNanos,
          capNanos);
      Checks.requireArgument(
          warmupSamples <= windowSize,
          "warmupSamples (%d) must not exceed windowSize (%d)",
          warmupSamples,
          windowSize);
      return new LearnedFloor(this);
    }
  }
}
