package dev.bulwark.testkit;

import static dev.bulwark.testkit.TimingAssertions.assertNoTimingLeak;
import static dev.bulwark.testkit.TimingAssertions.assertTimingLeak;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The detector must be able to fail: it reports a leak for a comparison that exits early and no
 * evidence for {@link MessageDigest#isEqual} on equal-length inputs, on the real clock; and on a
 * manual clock it separates two synthetic distributions that differ by a small shift and does not
 * separate two that are the same.
 */
class TimingLeakDetectorTest {
  private static final SplittableRandom RANDOM = new SplittableRandom(20261204);

  /** Keeps the JIT from discarding the compared result. */
  private static volatile boolean sink;

  private static String randomString(SplittableRandom random, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = (char) ('a' + random.nextInt(26));
    }
    return new String(chars);
  }

  private static byte[] randomBytes(SplittableRandom random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  @Test
  void detectsTheEarlyExitOfStringEqualsOnLongStrings() {
    String secret = randomString(RANDOM, 32_768);
    SplittableRandom inputs = new SplittableRandom(1);
    TimingReport report =
        TimingLeakDetector.builder()
            .batchPairs(64)
            .build()
            .measure(
                "equal to the secret",
                () -> new String(secret.toCharArray()),
                "random",
                () -> randomString(inputs, secret.length()),
                (String s) -> sink = secret.equals(s));
    System.out.println("String.equals, 32768 chars:\n" + report.toText());
    assertTimingLeak(report);
    assertThat(report.medianA()).isGreaterThan(report.medianB());
  }

  @Test
  void findsNoLeakInMessageDigestIsEqualOnEqualLengthInputs() {
    byte[] secret = randomBytes(RANDOM, 4096);
    // Both classes are built the same way (a clone of a prepared array), so that only their
    // content differs: equal to the secret, or one of 64 random arrays. Small batches keep the
    // prepared inputs in cache, so that memory latency adds no noise of its own.
    byte[][] pool = new byte[64][];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = randomBytes(RANDOM, secret.length);
    }
    int[] next = {0};
    TimingReport report =
        assertNoTimingLeak(
            () ->
                TimingLeakDetector.builder()
                    .batchPairs(16)
                    .build()
                    .measure(
                        "equal to the secret",
                        secret::clone,
                        "random",
                        () -> pool[next[0]++ & 63].clone(),
                        (byte[] b) -> sink = MessageDigest.isEqual(secret, b)));
    System.out.println("MessageDigest.isEqual, 4096 bytes:\n" + report.toText());
  }

  @Test
  void separatesSyntheticDistributionsThatDifferByAFewPercent() {
    ManualClock clock = new ManualClock();
    SplittableRandom noise = new SplittableRandom(3);
    TimingReport report =
        TimingLeakDetector.builder()
            .clock(clock)
            .seed(4)
            .build()
            .measure(
                "slow",
                () -> 30L,
                "fast",
                () -> 0L,
                (Long extra) -> clock.now.addAndGet(1_000 + noise.nextInt(200) + extra));
    assertTimingLeak(report);
    assertThat(report.largestTest().t()).isPositive();
  }

  @Test
  void findsNoLeakBetweenTwoSyntheticClassesWithTheSameDistribution() {
    ManualClock clock = new ManualClock();
    SplittableRandom noise = new SplittableRandom(5);
    TimingReport report =
        TimingLeakDetector.builder()
            .clock(clock)
            .seed(6)
            .measurementsPerClass(20_000)
            .build()
            .measure(
                "a",
                () -> "a",
                "b",
                () -> "b",
                (String s) -> clock.now.addAndGet(1_000 + noise.nextInt(200)));
    assertNoTimingLeak(report);
    assertThat(report.measurements()).isEqualTo(40_000);
    assertThat(report.tests()).hasSize(1 + 10 + 1);
  }

  @Test
  void aConstantOperationHasNoLeakAndADifferentConstantIsALeak() {
    ManualClock clock = new ManualClock();
    TimingLeakDetector detector = TimingLeakDetector.builder().clock(clock).warmupPairs(0).build();
    TimingReport same =
        detector.measure("a", () -> 7L, "b", () -> 7L, (Long t) -> clock.now.addAndGet(t));
    assertThat(same.maxAbsT()).isZero();
    TimingReport different =
        detector.measure("a", () -> 7L, "b", () -> 8L, (Long t) -> clock.now.addAndGet(t));
    assertThat(different.maxAbsT()).isInfinite();
    assertThat(different.verdict()).isEqualTo(Verdict.LEAK);
  }

  @Test
  void anExceptionThrownByTheOperationIsTimedNotPropagated() {
    ManualClock clock = new ManualClock();
    TimingReport report =
        TimingLeakDetector.builder()
            .clock(clock)
            .warmupPairs(0)
            .build()
            .measure(
                "throws",
                () -> true,
                "returns",
                () -> false,
                (Boolean fail) -> {
                  clock.now.addAndGet(fail ? 500 : 100);
                  if (fail) {
                    throw new IllegalStateException("unknown subject");
                  }
                });
    assertThat(report.medianA()).isEqualTo(500);
    assertThat(report.medianB()).isEqualTo(100);
  }

  @Test
  void theReportNamesTheClassesTheVerdictAndEveryTest() {
    ManualClock clock = new ManualClock();
    SplittableRandom noise = new SplittableRandom(7);
    TimingReport report =
        TimingLeakDetector.builder()
            .clock(clock)
            .crops(3)
            .build()
            .measure(
                "known user",
                () -> 0,
                "unknown user",
                () -> 0,
                (Integer x) -> clock.now.addAndGet(100 + noise.nextInt(10)));
    assertThat(report.toText())
        .contains("known user", "unknown user", "20000", "welch, all", "paired, all")
        .contains("NO_EVIDENCE_OF_LEAK");
    assertThat(report.tests()).hasSize(1 + 3 + 1);
    assertThat(report.toString()).contains("NO_EVIDENCE_OF_LEAK", "20000 measurements");
  }

  @Test
  void assertionsFailWithTheReport() {
    ManualClock clock = new ManualClock();
    TimingLeakDetector detector = TimingLeakDetector.builder().clock(clock).warmupPairs(0).build();
    TimingReport leak =
        detector.measure("a", () -> 1L, "b", () -> 2L, (Long t) -> clock.now.addAndGet(t));
    assertThatThrownBy(() -> assertNoTimingLeak(leak))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("LEAK");
    TimingReport none =
        detector.measure("a", () -> 1L, "b", () -> 1L, (Long t) -> clock.now.addAndGet(t));
    assertThatThrownBy(() -> assertTimingLeak(none))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("NO_EVIDENCE_OF_LEAK");
  }

  @Test
  void tooFewMeasurementsAreRejectedWithTheRange() {
    assertThatThrownBy(() -> TimingLeakDetector.builder().measurementsPerClass(9_999))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("measurementsPerClass must be between 10000 and 50000000, got 9999");
    TimingLeakDetector detector = TimingLeakDetector.builder().build();
    assertThatThrownBy(() -> detector.analyse("a", "b", new long[10_000], new long[10_001]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("equal length");
    assertThatThrownBy(() -> detector.analyse("a", "b", new long[100], new long[100]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 10000");
  }
}
