package dev.bulwark.errors;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.errors.internal.Checks;
import dev.bulwark.errors.internal.LatencyWindow;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Releases a surface's responses no earlier than a floor after the work started, so that the time
 * to answer does not tell an unknown subject from a known one, a wrong password from a locked
 * account, or a success from a failure.
 *
 * <p>The floor is fixed, or learned from observed durations ({@link LearnedFloor}). The blocking
 * form {@link #call} runs the work on the calling thread and then waits with the {@link Sleeper}
 * until the deadline; the asynchronous form {@link #callAsync} completes its future at the deadline
 * from the {@link DelayScheduler}, holding no thread while it waits. Exceptions are delayed exactly
 * like results. Time comes only from the injected {@link Ticker}.
 *
 * <p><b>Warning:</b> work that takes longer than the floor is released as soon as it ends, and that
 * overrun is visible to a client; {@link #overruns()} counts them. Choose a floor comfortably above
 * the slowest path, and use {@link DummyWork} so that the paths cost the same in the first place:
 * the equalizer hides the remaining differences, it is not a substitute.
 *
 * <p>Thread-safe. The bookkeeping on a call whose floor is already met is two ticker reads, a few
 * arithmetic operations and, for a learned floor, one short lock to record the duration.
 */
public final class TimingEqualizer {
  private final long fixedFloorNanos;
  private final @Nullable LatencyWindow window;
  private final Ticker ticker;
  private final Sleeper sleeper;
  private final DelayScheduler scheduler;
  private final LongAdder overruns = new LongAdder();

  private TimingEqualizer(Builder b) {
    this.fixedFloorNanos = b.fixedFloorNanos;
    LearnedFloor learned = b.learnedFloor;
    this.window =
        learned == null
            ? null
            : new LatencyWindow(
                learned.percentile(),
                learned.marginNanos(),
                learned.minimumNanos(),
                learned.capNanos(),
                learned.windowSize(),
                learned.warmupSamples());
    this.ticker = b.ticker;
    this.sleeper = b.sleeper;
    this.scheduler = b.scheduler;
  }

  /** Returns a builder; exactly one of a fixed or a learned floor must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Work whose result or exception is released at the floor. */
  @FunctionalInterface
  public interface Work<T extends @Nullable Object, E extends Exception> {
    /** Runs the work. */
    T run() throws E;
  }

  /**
   * Runs {@code work} and returns its result, or throws its exception, no earlier than the floor
   * after the call began. Blocks the calling thread until then.
   *
   * @throws E what the work threw (also {@link RuntimeException}s and {@link Error}s), delayed
   */
  @CanIgnoreReturnValue
  public <T extends @Nullable Object, E extends Exception> T call(Work<T, E> work) throws E {
    Checks.requireNonNull(work, "work");
    long start = ticker.read();
    long floor = floorNanos();
    T result;
    try {
      result = work.run();
    } catch (Throwable t) {
      release(start, floor);
      throw t;
    }
    release(start, floor);
    return result;
  }

  private void release(long start, long floor) {
    long end = ticker.read();
    account(end - start, floor);
    long deadline = start + floor;
    if (end - deadline < 0) {
      sleeper.sleepUntil(ticker, deadline);
    }
  }

  /**
   * Starts {@code work} and returns a future that completes with its outcome, normally or
   * exceptionally, no earlier than the floor after this call began. No thread is held while
   * waiting: the {@link DelayScheduler} completes the future at the deadline. An exception thrown
   * by {@code work} itself (rather than by its stage) is delayed the same way.
   */
  public <T extends @Nullable Object> CompletableFuture<T> callAsync(
      Supplier<? extends CompletionStage<T>> work) {
    Checks.requireNonNull(work, "work");
    long start = ticker.read();
    long floor = floorNanos();
    CompletableFuture<T> released = new CompletableFuture<>();
    CompletionStage<T> stage;
    try {
      stage = Checks.requireNonNull(work.get(), "stage returned by work");
    } catch (Throwable t) {
      releaseAsync(released, null, t, start, floor);
      return released;
    }
    stage.whenComplete((value, failure) -> releaseAsync(released, value, failure, start, floor));
    return released;
  }

  private <T extends @Nullable Object> void releaseAsync(
      CompletableFuture<T> released,
      @Nullable T value,
      @Nullable Throwable failure,
      long start,
      long floor) {
    long end = ticker.read();
    account(end - start, floor);
    Runnable complete =
        () -> {
          if (failure != null) {
            released.completeExceptionally(failure);
          } else {
            released.complete(value);
          }
        };
    long remaining = start + floor - end;
    if (remaining > 0) {
      scheduler.schedule(complete, remaining);
    } else {
      complete.run();
    }
  }

  private void account(long elapsed, long floor) {
    if (window != null) {
      window.observe(elapsed);
    }
    if (elapsed > floor) {
      overruns.increment();
    }
  }

  /**
   * Records a duration of the slowest path measured elsewhere, for a learned floor; ignored for a
   * fixed floor.
   */
  public void observe(Duration duration) {
    Checks.requireNonNull(duration, "duration");
    if (window != null) {
      window.observe(duration.isNegative() ? 0 : saturatedNanos(duration));
    }
  }

  private static long saturatedNanos(Duration d) {
    return d.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : d.toNanos();
  }

  /** Returns the current floor in nanoseconds. */
  public long floorNanos() {
    return window == null ? fixedFloorNanos : window.floor();
  }

  /** Returns how many calls took longer than their floor (and were therefore not hidden). */
  public long overruns() {
    return overruns.sum();
  }

  @Override
  public String toString() {
    return "TimingEqualizer[floor="
        + floorNanos()
        + " ns, "
        + (window == null ? "fixed" : "learned")
        + ", overruns="
        + overruns()
        + "]";
  }

  /** Builds a {@link TimingEqualizer}; not thread-safe. */
  public static final class Builder {
    private long fixedFloorNanos = -1;
    private @Nullable LearnedFloor learnedFloor;
    private Ticker ticker = Ticker.system();
    private Sleeper sleeper = Sleeper.parking();
    private DelayScheduler scheduler = DelayScheduler.shared();

    private Builder() {}

    /**
     * Sets a fixed floor.
     *
     * @throws IllegalArgumentException unless between 1 microsecond and 1 minute
     */
    @CanIgnoreReturnValue
    public Builder fixedFloor(Duration floor) {
      Checks.requireNonNull(floor, "floor");
      Checks.requireArgument(
          floor.compareTo(Duration.ofNanos(1_000)) >= 0
              && floor.compareTo(Duration.ofMinutes(1)) <= 0,
          "floor must be between 1 microsecond and 1 minute, got %s",
          floor);
      this.fixedFloorNanos = floor.toNanos();
      return this;
    }

    /** Sets a learned floor. */
    @CanIgnoreReturnValue
    public Builder learnedFloor(LearnedFloor learned) {
      this.learnedFloor = Checks.requireNonNull(learned, "learned");
      return this;
    }

    /** Sets the time source (default {@link Ticker#system()}). */
    @CanIgnoreReturnValue
    public Builder ticker(Ticker ticker) {
      this.ticker = Checks.requireNonNull(ticker, "ticker");
      return this;
    }

    /** Sets how the blocking form waits (default {@link Sleeper#parking()}). */
    @CanIgnoreReturnValue
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Checks.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Sets how the asynchronous form waits (default {@link DelayScheduler#shared()}). */
    @CanIgnoreReturnValue
    public Builder scheduler(DelayScheduler scheduler) {
      this.scheduler = Checks.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Returns the equalizer.
     *
     * @throws IllegalArgumentException unless exactly one of a fixed and a learned floor is set
     */
    public TimingEqualizer build() {
      Checks.requireArgument(
          (fixedFloorNanos > 0) != (learnedFloor != null),
          "set exactly one of fixedFloor and learnedFloor");
      return new TimingEqualizer(this);
    }
  }
}
