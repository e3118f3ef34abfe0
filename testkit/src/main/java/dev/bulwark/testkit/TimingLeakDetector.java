package dev.bulwark.testkit;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.testkit.internal.Checks;
import dev.bulwark.testkit.internal.TStatistics;
import dev.bulwark.testkit.internal.Welford;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Measures whether an operation's running time depends on which of two classes its input belongs
 * to, in the style of dudect (Reparaz, Balasch and Verbauwhede, "Dude, is my code constant time?",
 * 2017).
 *
 * <p>Method. Measurements come in pairs, one input of each class, in an order drawn at random for
 * every pair, so that drift in the machine's speed (another process, frequency scaling, a JIT
 * recompilation) falls on both classes alike. Inputs are prepared a batch at a time before the
 * batch is timed, so preparing them is never measured, and the two classes are prepared the same
 * way. After {@link Builder#warmupPairs warm-up} pairs that are thrown away, {@link
 * Builder#measurementsPerClass} pairs are measured. The report then holds:
 *
 * <ul>
 *   <li>Welch's t-test on all measurements, and on each of several crops that keep only
 *       measurements below a percentile of the pooled sample (from the median up to about p99.9),
 *       since a leak often shows in the fast part of the distribution while interrupts and garbage
 *       collection add heavy, class-independent tails;
 *   <li>a paired t-test on the differences within pairs, which cancels slow drift in the machine's
 *       speed. It is not cropped: cropping pairs by their members' values would select pairs and
 *       turn nanosecond-scale artefacts into large t values.
 * </ul>
 *
 * <p>The {@linkplain TimingReport#maxAbsT() largest |t|} decides the {@link Verdict}: below 4.5 no
 * evidence of a leak, above 10 a leak. No evidence is not proof: it says that at this number of
 * measurements, on this machine, the difference is too small to see.
 *
 * <p>An instance may be reused but not shared between threads while measuring; a measurement runs
 * on the calling thread.
 */
public final class TimingLeakDetector {
  /** The fewest measurements per class the detector accepts. */
  public static final int MIN_MEASUREMENTS_PER_CLASS = 10_000;

  private final int measurementsPerClass;
  private final int warmupPairs;
  private final int crops;
  private final int batchPairs;
  private final long seed;
  private final NanoClock clock;

  private TimingLeakDetector(Builder b) {
    this.measurementsPerClass = b.measurementsPerClass;
    this.warmupPairs = b.warmupPairs;
    this.crops = b.crops;
    this.batchPairs = b.batchPairs;
    this.seed = b.seed;
    this.clock = b.clock;
  }

  /** Returns a builder: 10,000 measurements per class, 1,000 warm-up pairs, 10 crops. */
  public static Builder builder() {
    return new Builder();
  }

  /** The operation under test; an exception it throws is part of its behaviour and is timed. */
  @FunctionalInterface
  public interface Operation<I> {
    /** Runs the operation once on {@code input}. */
    void run(I input) throws Exception;
  }

  /**
   * Measures {@code operation} on inputs of class A (e.g. a fixed input, a known subject) and class
   * B (e.g. random inputs, an unknown subject).
   */
  public <I> TimingReport measure(
      String nameA,
      Supplier<? extends I> classA,
      String nameB,
      Supplier<? extends I> classB,
      Operation<? super I> operation) {
    Checks.requireNonNull(nameA, "nameA");
    Checks.requireNonNull(nameB, "nameB");
    Checks.requireNonNull(classA, "classA");
    Checks.requireNonNull(classB, "classB");
    Checks.requireNonNull(operation, "operation");
    SplittableRandom order = new SplittableRandom(seed);
    long[] a = new long[measurementsPerClass];
    long[] b = new long[measurementsPerClass];
    run(warmupPairs, null, null, classA, classB, operation, order);
    run(measurementsPerClass, a, b, classA, classB, operation, order);
    return analyse(nameA, nameB, a, b);
  }

  private <I> void run(
      int pairs,
      long @Nullable [] a,
      long @Nullable [] b,
      Supplier<? extends I> classA,
      Supplier<? extends I> classB,
      Operation<? super I> operation,
      SplittableRandom order) {
    List<I> inputs = new ArrayList<>(2 * batchPairs);
    boolean[] aFirst = new boolean[batchPairs];
    long[] times = new long[2 * batchPairs];
    for (int done = 0; done < pairs; ) {
      int n = Math.min(batchPairs, pairs - done);
      inputs.clear();
      for (int j = 0; j < n; j++) {
        aFirst[j] = order.nextBoolean();
        I first = aFirst[j] ? classA.get() : classB.get();
        I second = aFirst[j] ? classB.get() : classA.get();
        inputs.add(first);
        inputs.add(second);
      }
      for (int k = 0; k < 2 * n; k++) {
        I input = inputs.get(k);
        long start = clock.read();
        try {
          operation.run(input);
        } catch (Exception e) {
          // Part of the operation's behaviour: timed like a normal return.
        }
        times[k] = clock.read() - start;
      }
      if (a != null && b != null) {
        for (int j = 0; j < n; j++) {
          a[done + j] = aFirst[j] ? times[2 * j] : times[2 * j + 1];
          b[done + j] = aFirst[j] ? times[2 * j + 1] : times[2 * j];
        }
      }
      done += n;
    }
  }

  /**
   * Analyses measurements taken elsewhere (e.g. by a reviewer's own harness): {@code a[i]} and
   * {@code b[i]} must be the two halves of pair {@code i}, measured in random order.
   *
   * @throws IllegalArgumentException unless both arrays have the same length, at least {@link
   *     #MIN_MEASUREMENTS_PER_CLASS}
   */
  public TimingReport analyse(String nameA, String nameB, long[] a, long[] b) {
    Checks.requireNonNull(a, "a");
    Checks.requireNonNull(b, "b");
    Checks.requireArgument(a.length == b.length, "a and b must be pairs of equal length");
    Checks.requireArgument(
        a.length >= MIN_MEASUREMENTS_PER_CLASS,
        "at least %d measurements per class are required, got %d",
        MIN_MEASUREMENTS_PER_CLASS,
        a.length);
    List<TTest> tests = new ArrayList<>();
    tests.add(welch("welch, all", a, b, Long.MAX_VALUE));
    long[] thresholds = TStatistics.cropThresholds(a, b, crops);
    for (int k = 0; k < thresholds.length; k++) {
      double p = 100 * (1 - Math.pow(0.5, 10.0 * (k + 1) / crops));
      tests.add(welch(String.format(Locale.ROOT, "welch, crop p%.2f", p), a, b, thresholds[k]));
    }
    tests.add(paired("paired, all", a, b));
    return new TimingReport(nameA, nameB, a.length, tests, median(a), median(b));
  }

  private static long median(long[] values) {
    return TStatistics.percentile(values, 0.5);
  }

  private static TTest welch(String label, long[] a, long[] b, long threshold) {
    Welford wa = new Welford();
    Welford wb = new Welford();
    for (long x : a) {
      if (x <= threshold) {
        wa.add(x);
      }
    }
    for (long x : b) {
      if (x <= threshold) {
        wb.add(x);
      }
    }
    return new TTest(
        label, wa.count(), wb.count(), wa.mean(), wb.mean(), TStatistics.welch(wa, wb));
  }

  private static TTest paired(String label, long[] a, long[] b) {
    Welford d = new Welford();
    Welford wa = new Welford();
    Welford wb = new Welford();
    for (int i = 0; i < a.length; i++) {
      d.add((double) a[i] - b[i]);
      wa.add(a[i]);
      wb.add(b[i]);
    }
    return new TTest(label, d.count(), d.count(), wa.mean(), wb.mean(), TStatistics.paired(d));
  }

  /** Builds a {@link TimingLeakDetector}; not thread-safe. */
  public static final class Builder {
    private int measurementsPerClass = MIN_MEASUREMENTS_PER_CLASS;
    private int warmupPairs = 1_000;
    private int crops = 10;
    private int batchPairs = 128;
    private long seed = new SplittableRandom().nextLong();
    private NanoClock clock = NanoClock.system();

    private Builder() {}

    /**
     * Sets the measurements per class (default 10,000).
     *
     * @throws IllegalArgumentException unless between 10,000 and 50,000,000
     */
    @CanIgnoreReturnValue
    public Builder measurementsPerClass(int n) {
      this.measurementsPerClass =
          Checks.requireInRange("measurementsPerClass", n, MIN_MEASUREMENTS_PER_CLASS, 50_000_000);
      return this;
    }

    /**
     * Sets the warm-up pairs, measured and thrown away so the JIT has compiled the operation
     * (default 1,000).
     *
     * @throws IllegalArgumentException unless between 0 and 10,000,000
     */
    @CanIgnoreReturnValue
    public Builder warmupPairs(int n) {
      this.warmupPairs = Checks.requireInRange("warmupPairs", n, 0, 10_000_000);
      return this;
    }

    /**
     * Sets the number of percentile crops (default 10).
     *
     * @throws IllegalArgumentException unless between 1 and 100
     */
    @CanIgnoreReturnValue
    public Builder crops(int n) {
      this.crops = Checks.requireInRange("crops", n, 1, 100);
      return this;
    }

    /**
     * Sets how many pairs of inputs are prepared before they are timed (default 128); lower it for
     * large inputs.
     *
     * @throws IllegalArgumentException unless between 1 and 65,536
     */
    @CanIgnoreReturnValue
    public Builder batchPairs(int n) {
      this.batchPairs = Checks.requireInRange("batchPairs", n, 1, 65_536);
      return this;
    }

    /** Sets the seed of the random order of classes, to reproduce a run (default random). */
    @CanIgnoreReturnValue
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Sets the clock read around each call (default {@link NanoClock#system()}). */
    @CanIgnoreReturnValue
    public Builder clock(NanoClock clock) {
      this.clock = Checks.requireNonNull(clock, "clock");
      return this;
    }

    /** Returns the detector. */
    public TimingLeakDetector build() {
      return new TimingLeakDetector(this);
    }
  }
}
