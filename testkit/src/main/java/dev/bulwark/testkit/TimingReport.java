package dev.bulwark.testkit;

import dev.bulwark.testkit.internal.Checks;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link TimingLeakDetector} found: every t-test it ran, the largest |t|, the number of
 * measurements, the class medians and a {@link Verdict}. {@link #toText()} is a plain report a
 * security reviewer can paste into a finding. Immutable and thread-safe.
 */
public final class TimingReport {
  /** Below this largest |t| the measurements give no evidence of a leak. */
  public static final double NO_EVIDENCE_BELOW = 4.5;

  /** Above this largest |t| the measurements show a leak. */
  public static final double LEAK_ABOVE = 10;

  private final String nameA;
  private final String nameB;
  private final int measurementsPerClass;
  private final List<TTest> tests;
  private final long medianA;
  private final long medianB;
  private final TTest largest;

  TimingReport(
      String nameA,
      String nameB,
      int measurementsPerClass,
      List<TTest> tests,
      long medianA,
      long medianB) {
    Checks.requireArgument(!tests.isEmpty(), "a report needs at least one test");
    this.nameA = nameA;
    this.nameB = nameB;
    this.measurementsPerClass = measurementsPerClass;
    this.tests = List.copyOf(tests);
    this.medianA = medianA;
    this.medianB = medianB;
    this.largest = this.tests.stream().max(Comparator.comparingDouble(TTest::absT)).orElseThrow();
  }

  /** Returns the largest |t| over all tests (NaN counts as infinite). */
  public double maxAbsT() {
    return largest.absT();
  }

  /** Returns the test with the largest |t|. */
  public TTest largestTest() {
    return largest;
  }

  /** Returns the verdict for {@link #maxAbsT()}. */
  public Verdict verdict() {
    return Verdict.of(maxAbsT());
  }

  /** Returns the total number of measurements, both classes together. */
  public long measurements() {
    return 2L * measurementsPerClass;
  }

  /** Returns the number of measurements of each class. */
  public int measurementsPerClass() {
    return measurementsPerClass;
  }

  /** Returns every test, in the order they ran. */
  public List<TTest> tests() {
    return tests;
  }

  /** Returns the median time of class A in nanoseconds. */
  public long medianA() {
    return medianA;
  }

  /** Returns the median time of class B in nanoseconds. */
  public long medianB() {
    return medianB;
  }

  /** Returns one line: verdict, largest |t|, measurements. */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "TimingReport[%s vs %s: %s, max |t| = %.2f (%s), %d measurements]",
        nameA,
        nameB,
        verdict(),
        maxAbsT(),
        largest.label(),
        measurements());
  }

  /** Returns a multi-line plain-text report. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Timing-leak report: A = %s, B = %s%n", nameA, nameB));
    sb.append(
        String.format(
            Locale.ROOT,
            "measurements: %d (%d per class, pairs in random order)%n",
            measurements(),
            measurementsPerClass));
    sb.append(String.format(Locale.ROOT, "median: A = %d ns, B = %d ns%n", medianA, medianB));
    for (TTest t : tests) {
      sb.append("  ").append(t).append(System.lineSeparator());
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "largest |t| = %.2f (%s) -> %s (|t| < %.1f: no evidence of a leak; > %.0f: leak)%n",
            maxAbsT(),
            largest.label(),
            verdict(),
            NO_EVIDENCE_BELOW,
            LEAK_ABOVE));
    return sb.toString();
  }
}
