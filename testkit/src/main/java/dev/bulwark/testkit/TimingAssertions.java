package dev.bulwark.testkit;

import dev.bulwark.testkit.internal.Checks;
import java.util.function.Supplier;

/**
 * Assertions over timing measurements that fail with {@link AssertionError} and the full report, so
 * they work in JUnit, TestNG or a plain main.
 */
public final class TimingAssertions {
  private TimingAssertions() {}

  /**
   * Passes if the report gives no evidence of a leak (largest |t| below {@value
   * TimingReport#NO_EVIDENCE_BELOW}); otherwise fails with the report.
   *
   * @return the report, so a test can print or inspect it
   */
  public static TimingReport assertNoTimingLeak(TimingReport report) {
    Checks.requireNonNull(report, "report");
    if (report.verdict() != Verdict.NO_EVIDENCE_OF_LEAK) {
      throw new AssertionError("expected no timing leak, but:\n" + report.toText());
    }
    return report;
  }

  /**
   * Runs {@code measurement} and asserts it gives no evidence of a leak, measuring once more if the
   * first run is {@link Verdict#INCONCLUSIVE}.
   *
   * <p>Why a second run is sound: a real leak's |t| grows with the square root of the number of
   * measurements, so a leak that lands between {@value TimingReport#NO_EVIDENCE_BELOW} and {@value
   * TimingReport#LEAK_ABOVE} once lands there or above again; noise (a preemption, a cache effect)
   * does not repeat on demand. A {@link Verdict#LEAK} fails at once, and the second run must show
   * no evidence of a leak, so the assertion keeps its power while a noisy CI machine no longer
   * makes it fail by chance.
   *
   * @return the report that passed
   */
  public static TimingReport assertNoTimingLeak(Supplier<TimingReport> measurement) {
    Checks.requireNonNull(measurement, "measurement");
    TimingReport first = measurement.get();
    if (first.verdict() != Verdict.INCONCLUSIVE) {
      return assertNoTimingLeak(first);
    }
    TimingReport second = measurement.get();
    if (second.verdict() != Verdict.NO_EVIDENCE_OF_LEAK) {
      throw new AssertionError(
          "expected no timing leak, but two runs in a row gave evidence:\n"
              + first.toText()
              + "\n"
              + second.toText());
    }
    return second;
  }

  /**
   * Measures {@code operation} with {@code detector} and asserts it gives no evidence of a leak, as
   * {@link #assertNoTimingLeak(Supplier)} does.
   *
   * @return the report
   */
  public static <I> TimingReport assertNoTimingLeak(
      TimingLeakDetector detector,
      Supplier<? extends I> classA,
      Supplier<? extends I> classB,
      TimingLeakDetector.Operation<? super I> operation) {
    Checks.requireNonNull(detector, "detector");
    return assertNoTimingLeak(() -> detector.measure("A", classA, "B", classB, operation));
  }

  /**
   * Passes if the report shows a leak (largest |t| above {@value TimingReport#LEAK_ABOVE}); for
   * tests proving that a measurement can fail.
   *
   * @return the report
   */
  public static TimingReport assertTimingLeak(TimingReport report) {
    Checks.requireNonNull(report, "report");
    if (report.verdict() != Verdict.LEAK) {
      throw new AssertionError("expected a timing leak, but:\n" + report.toText());
    }
    return report;
  }
}
