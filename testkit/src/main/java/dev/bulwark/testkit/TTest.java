package dev.bulwark.testkit;

import java.util.Locale;

/**
 * One statistical test in a {@link TimingReport}: which test, how many measurements of each class
 * it used, the class means in nanoseconds, and its t statistic (positive when class A is slower).
 *
 * @param label what was tested, e.g. {@code "welch, crop p90"} or {@code "paired, all"}
 * @param countA measurements of class A used (for a paired test, the number of pairs)
 * @param countB measurements of class B used (for a paired test, the number of pairs)
 * @param meanA mean time of class A in nanoseconds
 * @param meanB mean time of class B in nanoseconds
 * @param t the t statistic
 */
public record TTest(String label, long countA, long countB, double meanA, double meanB, double t) {

  /** Returns |t|, with NaN as positive infinity (a broken measurement is never reassuring). */
  public double absT() {
    return Double.isNaN(t) ? Double.POSITIVE_INFINITY : Math.abs(t);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%-20s nA=%-9d nB=%-9d meanA=%12.1f ns  meanB=%12.1f ns  t=%9.2f",
        label,
        countA,
        countB,
        meanA,
        meanB,
        t);
  }
}
