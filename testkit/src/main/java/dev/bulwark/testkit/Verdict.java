package dev.bulwark.testkit;

/**
 * What a {@link TimingReport}'s largest |t| means, with the thresholds dudect uses: below 4.5 the
 * measurements give no evidence of a leak; above 10 they show one; in between, measure more.
 */
public enum Verdict {
  /** The largest |t| is below {@value TimingReport#NO_EVIDENCE_BELOW}. */
  NO_EVIDENCE_OF_LEAK,
  /** The largest |t| is between the two thresholds: measure more before concluding. */
  INCONCLUSIVE,
  /** The largest |t| is above {@value TimingReport#LEAK_ABOVE}. */
  LEAK;

  /**
   * Returns the verdict for a largest |t| (NaN counts as a leak: it means a broken measurement).
   */
  static Verdict of(double maxAbsT) {
    if (maxAbsT < TimingReport.NO_EVIDENCE_BELOW) {
      return NO_EVIDENCE_OF_LEAK;
    }
    if (maxAbsT <= TimingReport.LEAK_ABOVE) {
      return INCONCLUSIVE;
    }
    return LEAK;
  }
}
