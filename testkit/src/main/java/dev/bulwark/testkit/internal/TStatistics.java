package dev.bulwark.testkit.internal;

import java.util.Arrays;

/** The t statistics of the detector: Welch's two-sample test, a paired test, and the crops. */
public final class TStatistics {
  private TStatistics() {}

  /**
   * Welch's t of two accumulated samples. When both variances are zero it is 0 for equal means and
   * an infinity for different ones; with fewer than two values in a sample it is 0.
   */
  public static double welch(Welford a, Welford b) {
    if (a.count() < 2 || b.count() < 2) {
      return 0;
    }
    double diff = a.mean() - b.mean();
    double se2 = a.variance() / a.count() + b.variance() / b.count();
    return ratio(diff, se2);
  }

  /** The paired t of accumulated differences (mean over its standard error). */
  public static double paired(Welford differences) {
    if (differences.count() < 2) {
      return 0;
    }
    return ratio(differences.mean(), differences.variance() / differences.count());
  }

  private static double ratio(double diff, double se2) {
    if (se2 <= 0) {
      return diff == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, diff);
    }
    return diff / Math.sqrt(se2);
  }

  /**
   * Returns dudect's crop thresholds: the pooled sample's values at the percentiles {@code 1 -
   * 0.5^(10 (k + 1) / crops)} for {@code k = 0 .. crops - 1} (from the median up to about p99.9).
   */
  public static long[] cropThresholds(long[] a, long[] b, int crops) {
    long[] pooled = pool(a, b);
    Arrays.sort(pooled);
    long[] thresholds = new long[crops];
    for (int k = 0; k < crops; k++) {
      double p = 1 - Math.pow(0.5, 10.0 * (k + 1) / crops);
      thresholds[k] = percentileOfSorted(pooled, p);
    }
    return thresholds;
  }

  /** Returns a new array holding {@code a} followed by {@code b}. */
  public static long[] pool(long[] a, long[] b) {
    long[] pooled = new long[a.length + b.length];
    System.arraycopy(a, 0, pooled, 0, a.length);
    System.arraycopy(b, 0, pooled, a.length, b.length);
    return pooled;
  }

  /** Returns the value at percentile {@code p} (nearest rank) of a sorted, non-empty array. */
  public static long percentileOfSorted(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** Returns the percentile of {@code p} of an unsorted, non-empty array (which is not changed). */
  public static long percentile(long[] values, double p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return percentileOfSorted(sorted, p);
  }
}
