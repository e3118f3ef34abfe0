package dev.bulwark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The detector's statistics behave as a reviewer would expect of a test for a difference between
 * two classes, over random samples of 10,000 pairs.
 */
class TimingStatisticsProperties {
  private static final int N = TimingLeakDetector.MIN_MEASUREMENTS_PER_CLASS;
  private static final TimingLeakDetector DETECTOR = TimingLeakDetector.builder().build();

  private static long[] sample(long seed, int spread, long shift) {
    SplittableRandom r = new SplittableRandom(seed);
    long[] x = new long[N];
    for (int i = 0; i < N; i++) {
      x[i] = 1_000 + r.nextInt(spread) + shift;
    }
    return x;
  }

  private static long[] plus(long[] x, long c) {
    long[] y = x.clone();
    for (int i = 0; i < y.length; i++) {
      y[i] += c;
    }
    return y;
  }

  /** Swapping the two classes flips the sign of every t statistic and keeps its size. */
  @Test
  void swappingTheClassesFlipsEveryTButKeepsItsSize() {
    qt().withExamples(30)
        .forAll(longs().all(), integers().between(1, 10_000), longs().between(-50, 50))
        .checkAssert(
            (seed, spread, shift) -> {
              long[] a = sample(seed, spread, shift);
              long[] b = sample(seed + 1, spread, 0);
              List<TTest> ab = DETECTOR.analyse("a", "b", a, b).tests();
              List<TTest> ba = DETECTOR.analyse("b", "a", b, a).tests();
              for (int i = 0; i < ab.size(); i++) {
                assertThat(ab.get(i).t()).isCloseTo(-ba.get(i).t(), within(1e-9));
              }
            });
  }

  /** Adding the same constant to every measurement (a slower machine) changes no t statistic. */
  @Test
  void aConstantDelayOnEveryMeasurementChangesNoT() {
    qt().withExamples(30)
        .forAll(longs().all(), integers().between(2, 10_000), longs().between(1, 1_000_000))
        .checkAssert(
            (seed, spread, delay) -> {
              long[] a = sample(seed, spread, 0);
              long[] b = sample(seed + 7, spread, 0);
              List<TTest> before = DETECTOR.analyse("a", "b", a, b).tests();
              List<TTest> after =
                  DETECTOR.analyse("a", "b", plus(a, delay), plus(b, delay)).tests();
              for (int i = 0; i < before.size(); i++) {
                assertThat(after.get(i).t()).isCloseTo(before.get(i).t(), within(1e-6));
              }
            });
  }

  /**
   * A shift of class A by more than the whole spread of the noise is always reported as a leak, and
   * a sample compared with itself never is.
   */
  @Test
  void aShiftBeyondTheNoiseIsALeakAndASampleAgainstItselfIsNot() {
    qt().withExamples(30)
        .forAll(longs().all(), integers().between(1, 10_000))
        .checkAssert(
            (seed, spread) -> {
              long[] b = sample(seed, spread, 0);
              assertThat(DETECTOR.analyse("a", "b", plus(b, spread + 1L), b).verdict())
                  .isEqualTo(Verdict.LEAK);
              assertThat(DETECTOR.analyse("a", "b", b.clone(), b).maxAbsT()).isZero();
            });
  }
}
