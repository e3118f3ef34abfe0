package dev.bulwark.testkit;

import static dev.bulwark.testkit.TimingAssertions.assertNoTimingLeak;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The re-measuring form of {@code assertNoTimingLeak}, on reports made with a manual clock. */
class TimingAssertionsTest {

  private static TimingReport report(int extraNanosForB, long seed) {
    ManualClock clock = new ManualClock();
    SplittableRandom noise = new SplittableRandom(seed);
    return TimingLeakDetector.builder()
        .clock(clock)
        .seed(seed)
        .warmupPairs(0)
        .measurementsPerClass(20_000)
        .build()
        .measure(
            "a",
            () -> 0,
            "b",
            () -> extraNanosForB,
            (Integer extra) -> clock.now.addAndGet(1_000 + noise.nextInt(200) + extra));
  }

  private static Supplier<TimingReport> sequence(List<TimingReport> reports, int[] calls) {
    Deque<TimingReport> left = new ArrayDeque<>(reports);
    return () -> {
      calls[0]++;
      return left.removeFirst();
    };
  }

  @Test
  void theReportsUsedHereHaveTheVerdictsTheirNamesSay() {
    assertThat(report(0, 1).verdict()).isEqualTo(Verdict.NO_EVIDENCE_OF_LEAK);
    assertThat(report(3, 1).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(report(50, 1).verdict()).isEqualTo(Verdict.LEAK);
  }

  @Test
  void aCleanFirstRunPassesWithoutASecond() {
    int[] calls = {0};
    assertNoTimingLeak(sequence(List.of(report(0, 1)), calls));
    assertThat(calls[0]).isEqualTo(1);
  }

  @Test
  void aLeakFailsAtOnce() {
    int[] calls = {0};
    assertThatThrownBy(() -> assertNoTimingLeak(sequence(List.of(report(50, 1)), calls)))
        .isInstanceOf(AssertionError.class);
    assertThat(calls[0]).isEqualTo(1);
  }

  @Test
  void anInconclusiveRunIsMeasuredOnceMoreAndMustThenBeClean() {
    int[] calls = {0};
    assertNoTimingLeak(sequence(List.of(report(3, 1), report(0, 2)), calls));
    assertThat(calls[0]).isEqualTo(2);
    assertThatThrownBy(
            () -> assertNoTimingLeak(sequence(List.of(report(3, 1), report(3, 2)), new int[1])))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("two runs in a row");
  }
}
