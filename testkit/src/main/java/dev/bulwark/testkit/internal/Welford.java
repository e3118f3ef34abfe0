package dev.bulwark.testkit.internal;

/** Numerically stable running mean and variance (Welford's algorithm). Not thread-safe. */
public final class Welford {
  private long n;
  private double mean;
  private double m2;

  /** Adds one value. */
  public void add(double x) {
    n++;
    double delta = x - mean;
    mean += delta / n;
    m2 += delta * (x - mean);
  }

  /** Returns how many values were added. */
  public long count() {
    return n;
  }

  /** Returns the mean, or 0 if empty. */
  public double mean() {
    return mean;
  }

  /** Returns the unbiased sample variance, or 0 with fewer than two values. */
  public double variance() {
    return n < 2 ? 0 : m2 / (n - 1);
  }
}
