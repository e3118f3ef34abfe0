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
   * Measures {@code operation} with {@code detector} and asserts it gives no evidence of a leak.
   *
   * @return the report
   */
  public static <I> TimingReport assertNoTimingLeak(
      TimingLeakDetector detector,
      Supplier<? extends I> classA,
      Supplier<? extends I> classB,
      TimingLeakDetector.Operation<? super I> operation) {
    Checks.requireNonNull(detector, "detector");
    return assertNoTimingLeak(detector.measure("A", classA, "B", classB, operation));
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
