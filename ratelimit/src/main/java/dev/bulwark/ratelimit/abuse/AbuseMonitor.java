package dev.bulwark.ratelimit.abuse;

import static dev.bulwark.ratelimit.internal.Checks.requireArgument;
import static dev.bulwark.ratelimit.internal.Checks.requireInRange;
import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * Streaming abuse detection: heavy hitters per {@link Dimension} in bounded memory, and a learned
 * baseline per endpoint that flags sudden surges.
 *
 * <p><b>Heavy hitters.</b> Each tracked dimension has a threshold (a weight per sliding window) and
 * a bound on entries. Its window is split into sub-windows, each summarized by a Space-Saving
 * sketch of {@code entries / subWindows} counters; the oldest sub-window is dropped as time moves
 * on. Memory therefore stays at most {@code entries} counters per dimension whatever the number of
 * distinct keys. A key's windowed estimate differs from its true weight in the window by at most
 * {@code N * subWindows / entries}, where {@code N} is the window's total weight in that dimension:
 * size {@code entries} so that this is well below the threshold, and every key above the threshold
 * by that margin is reported. When an update makes a key's estimate cross its threshold, listeners
 * get an {@link AbuseEvent.HeavyHitter}.
 *
 * <p><b>Endpoint baselines.</b> Every {@link Dimension#ENDPOINT} record also counts toward that
 * endpoint's current baseline interval. After a warm-up, the interval count is compared with an
 * exponentially weighted mean and standard deviation of past intervals; crossing {@code
 * max(minimumCount, mean + sigmas * sd, mean * minimumRatio)} sends one {@link
 * AbuseEvent.RateAnomaly} for that interval. Intervals that crossed feed the baseline only up to
 * the threshold, so a sustained attack does not quickly become the new normal. At most {@link
 * Builder#maximumEndpoints} endpoints are baselined.
 *
 * <p><b>Keys.</b> Keys are kept as recorded and handed back in events; pass the forms you want
 * listeners to see (for example {@link RateLimitKey#ip(String, int)} for a source prefix, {@link
 * AbuseKeys#destinationPrefix} for a destination's country or number prefix, or a keyed hash
 * through {@link RateLimitKey#of}). Nothing here prints a key's identifier.
 *
 * <p><b>Time</b> comes from the injected {@link Ticker}: windows move on when a record or {@link
 * #advance()} observes the ticker past a sub-window boundary, so call {@code advance()} now and
 * then if traffic can stop entirely.
 *
 * <p>This class is thread-safe: each dimension and the baselines have their own lock, held for one
 * update (a few hash lookups); listeners are called after the lock is released.
 */
public final class AbuseMonitor {

  /** What a key identifies. */
  public enum Dimension {
    /** The client's source address or prefix (an IPv4 address or prefix, an IPv6 prefix). */
    SOURCE_PREFIX,
    /** A destination phone number prefix or country code, as SMS pumping targets them. */
    DESTINATION_PREFIX,
    /** An account. */
    ACCOUNT,
    /** An API endpoint; also feeds the endpoint baselines. */
    ENDPOINT
  }

  /** The default sliding window. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

  /** The default number of sub-windows per window. */
  public static final int DEFAULT_SUB_WINDOWS = 6;

  /** The default bound on counters per dimension. */
  public static final int DEFAULT_ENTRIES = 60_000;

  /** The largest weight one record may carry. */
  public static final long MAX_WEIGHT = 1L << 32;

  /** The most counters one dimension may be given. */
  public static final int MAX_ENTRIES = 1 << 24;

  private final Ticker ticker;
  private final Duration window;
  private final EnumMap<Dimension, WindowedSketch> sketches = new EnumMap<>(Dimension.class);
  private final EndpointBaselines baselines;
  private final List<AbuseListener> listeners;
  private final LongAdder listenerFailures = new LongAdder();

  private AbuseMonitor(Builder b) {
    this.ticker = b.ticker;
    this.window = b.window;
    long now = ticker.read();
    long subWindowNanos = b.window.toNanos() / b.subWindows;
    b.thresholds.forEach(
        (dimension, threshold) ->
            sketches.put(
                dimension,
                new WindowedSketch(
                    dimension,
                    threshold,
                    b.entries.getOrDefault(dimension, DEFAULT_ENTRIES),
                    b.subWindows,
                    subWindowNanos,
                    now)));
    this.baselines =
        new EndpointBaselines(
            b.baselineInterval,
            b.baselineSmoothing,
            b.baselineSigmas,
            b.baselineMinimumCount,
            b.baselineMinimumRatio,
            b.baselineWarmupIntervals,
            b.maximumEndpoints);
    this.listeners = new CopyOnWriteArrayList<>(b.listeners);
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Records one request by {@code key} in {@code dimension}; see {@link #record(Dimension,
   * RateLimitKey, long)}.
   */
  public void record(Dimension dimension, RateLimitKey key) {
    record(dimension, key, 1);
  }

  /**
   * Records {@code weight} for {@code key} in {@code dimension}. A dimension without a threshold is
   * not tracked and the record is ignored there, except that {@link Dimension#ENDPOINT} records
   * always feed the endpoint baselines. Listeners are called on this thread if the record triggers
   * an event.
   *
   * @param weight from 1 to 2<sup>32</sup>
   * @throws IllegalArgumentException if {@code weight} is out of range
   */
  public void record(Dimension dimension, RateLimitKey key, long weight) {
    requireNonNull(dimension, "dimension");
    requireNonNull(key, "key");
    if (weight < 1 || weight > MAX_WEIGHT) {
      // Only on failure: the check's varargs would otherwise box on the hot path.
      requireInRange("weight", weight, 1, MAX_WEIGHT);
    }
    long now = ticker.read();
    WindowedSketch sketch = sketches.get(dimension);
    if (sketch != null) {
      long crossed = sketch.record(key, weight, now);
      if (crossed >= 0) {
        publish(new AbuseEvent.HeavyHitter(dimension, key, crossed, sketch.threshold(), window));
      }
    }
    if (dimension == Dimension.ENDPOINT) {
      AbuseEvent.RateAnomaly anomaly = baselines.record(key, weight, now);
      if (anomaly != null) {
        publish(anomaly);
      }
    }
  }

  /**
   * The estimated weight of {@code key} in {@code dimension} over the current window, or 0 if the
   * dimension is not tracked.
   */
  public long estimate(Dimension dimension, RateLimitKey key) {
    requireNonNull(dimension, "dimension");
    requireNonNull(key, "key");
    WindowedSketch sketch = sketches.get(dimension);
    return sketch == null ? 0 : sketch.estimate(key, ticker.read());
  }

  /**
   * A snapshot of the keys in {@code dimension} whose windowed estimate is at or above the
   * threshold, heaviest first.
   */
  public List<AbuseEvent.HeavyHitter> heavyHitters(Dimension dimension) {
    requireNonNull(dimension, "dimension");
    WindowedSketch sketch = sketches.get(dimension);
    List<AbuseEvent.HeavyHitter> result = new ArrayList<>();
    if (sketch == null) {
      return result;
    }
    for (Map.Entry<RateLimitKey, Long> e : sketch.heavyHitters(ticker.read()).entrySet()) {
      result.add(
          new AbuseEvent.HeavyHitter(
              dimension, e.getKey(), e.getValue(), sketch.threshold(), window));
    }
    result.sort((a, b) -> Long.compare(b.estimatedCount(), a.estimatedCount()));
    return result;
  }

  /** The counters currently held for {@code dimension}: never more than its configured entries. */
  public int trackedEntries(Dimension dimension) {
    requireNonNull(dimension, "dimension");
    WindowedSketch sketch = sketches.get(dimension);
    return sketch == null ? 0 : sketch.trackedEntries();
  }

  /** The number of endpoints with a baseline. */
  public int baselinedEndpoints() {
    return baselines.size();
  }

  /** Moves every window and baseline interval to the ticker's current time. */
  public void advance() {
    long now = ticker.read();
    sketches.values().forEach(s -> s.advance(now));
    baselines.advance(now);
  }

  /** Adds a listener. */
  public void addListener(AbuseListener listener) {
    listeners.add(requireNonNull(listener, "listener"));
  }

  /** The number of exceptions thrown by listeners so far. */
  public long listenerFailures() {
    return listenerFailures.sum();
  }

  private void publish(AbuseEvent event) {
    for (AbuseListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        listenerFailures.increment();
      }
    }
  }

  @Override
  public String toString() {
    return "AbuseMonitor[" + sketches.keySet() + ", window " + window + "]";
  }

  /** Builds an {@link AbuseMonitor}. Nothing is tracked until a threshold is set. */
  public static final class Builder {
    private Ticker ticker = Ticker.system();
    private Duration window = DEFAULT_WINDOW;
    private int subWindows = DEFAULT_SUB_WINDOWS;
    private final EnumMap<Dimension, Long> thresholds = new EnumMap<>(Dimension.class);
    private final EnumMap<Dimension, Integer> entries = new EnumMap<>(Dimension.class);
    private Duration baselineInterval = Duration.ofSeconds(10);
    private double baselineSmoothing = 0.1;
    private double baselineSigmas = 4;
    private long baselineMinimumCount = 100;
    private double baselineMinimumRatio = 2;
    private int baselineWarmupIntervals = 6;
    private int maximumEndpoints = 1024;
    private final List<AbuseListener> listeners = new ArrayList<>();

    private Builder() {}

    /** Sets the time source; {@link Ticker#system()} by default. */
    @CanIgnoreReturnValue
    public Builder ticker(Ticker ticker) {
      this.ticker = requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Sets the sliding window, from 1 second to 1 day, split into {@code subWindows} (2 to 60)
     * sub-windows; by default one minute in six. More sub-windows slide more smoothly but split the
     * entries more finely.
     */
    @CanIgnoreReturnValue
    public Builder window(Duration window, int subWindows) {
      requireNonNull(window, "window");
      requireArgument(
          window.compareTo(Duration.ofSeconds(1)) >= 0 && window.compareTo(Duration.ofDays(1)) <= 0,
          "window must be between 1 second and 1 day");
      this.window = window;
      this.subWindows = requireInRange("subWindows", subWindows, 2, 60);
      return this;
    }

    /**
     * Tracks {@code dimension}: a key whose weight in the window reaches {@code threshold} (at
     * least 1) is a heavy hitter. Memory: {@code entries} counters (from 1 per sub-window to {@link
     * #MAX_ENTRIES}; {@link #DEFAULT_ENTRIES} if not given).
     */
    @CanIgnoreReturnValue
    public Builder track(Dimension dimension, long threshold) {
      requireNonNull(dimension, "dimension");
      thresholds.put(dimension, requireInRange("threshold", threshold, 1, Long.MAX_VALUE / 4));
      return this;
    }

    /** Tracks {@code dimension} with {@code threshold} in at most {@code entries} counters. */
    @CanIgnoreReturnValue
    public Builder track(Dimension dimension, long threshold, int entries) {
      track(dimension, threshold);
      entries(dimension, entries);
      return this;
    }

    private void entries(Dimension dimension, int n) {
      entries.put(dimension, requireInRange("entries", n, 1, MAX_ENTRIES));
    }

    /**
     * Configures the endpoint baselines: interval length (1 second to 1 hour; 10 seconds by
     * default), smoothing factor of the EWMA (in (0, 1]; 0.1 by default), how many standard
     * deviations above the mean count as a surge (1 to 100; 4 by default), and the smallest count
     * that can ever be a surge (at least 1; 100 by default).
     */
    @CanIgnoreReturnValue
    public Builder baseline(Duration interval, double smoothing, double sigmas, long minimumCount) {
      requireNonNull(interval, "interval");
      requireArgument(
          interval.compareTo(Duration.ofSeconds(1)) >= 0
              && interval.compareTo(Duration.ofHours(1)) <= 0,
          "baseline interval must be between 1 second and 1 hour");
      requireArgument(
          smoothing > 0 && smoothing <= 1, "smoothing must be in (0, 1], got %s", smoothing);
      requireArgument(sigmas >= 1 && sigmas <= 100, "sigmas must be in [1, 100], got %s", sigmas);
      this.baselineInterval = interval;
      this.baselineSmoothing = smoothing;
      this.baselineSigmas = sigmas;
      this.baselineMinimumCount = requireInRange("minimumCount", minimumCount, 1, Long.MAX_VALUE);
      return this;
    }

    /**
     * Sets the smallest surge relative to the mean, in [1, 100]; 2 by default, so that an endpoint
     * must at least double its usual rate to be flagged however steady it was.
     */
    @CanIgnoreReturnValue
    public Builder baselineMinimumRatio(double ratio) {
      requireArgument(
          ratio >= 1 && ratio <= 100, "minimumRatio must be in [1, 100], got %s", ratio);
      this.baselineMinimumRatio = ratio;
      return this;
    }

    /** Sets how many intervals an endpoint is observed before it can be flagged (1 to 1,000; 6). */
    @CanIgnoreReturnValue
    public Builder baselineWarmupIntervals(int intervals) {
      this.baselineWarmupIntervals = requireInRange("warmupIntervals", intervals, 1, 1000);
      return this;
    }

    /** Sets the most endpoints baselined (1 to 65,536; 1,024 by default). */
    @CanIgnoreReturnValue
    public Builder maximumEndpoints(int maximum) {
      this.maximumEndpoints = requireInRange("maximumEndpoints", maximum, 1, 65_536);
      return this;
    }

    /** Adds a listener. */
    @CanIgnoreReturnValue
    public Builder listener(AbuseListener listener) {
      listeners.add(requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Returns the monitor.
     *
     * @throws IllegalArgumentException if a dimension has fewer entries than sub-windows
     */
    public AbuseMonitor build() {
      entries.forEach(
          (dimension, n) ->
              requireArgument(
                  n >= subWindows,
                  "entries of %s must be at least the %d sub-windows, got %d",
                  dimension,
                  subWindows,
                  n));
      return new AbuseMonitor(this);
    }
  }
}
