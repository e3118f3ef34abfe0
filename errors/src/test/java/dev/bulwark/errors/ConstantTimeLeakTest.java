package dev.bulwark.errors;

import static dev.bulwark.testkit.TimingAssertions.assertNoTimingLeak;

import dev.bulwark.testkit.TimingLeakDetector;
import dev.bulwark.testkit.TimingReport;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The constant-time comparisons show no timing leak at 10,000 measurements per class: comparing a
 * secret with an equal input takes as long as comparing it with one that differs in its first
 * position. Both classes of input are built by the same code, so that only their content differs.
 * (The detector's own test shows that the same measurement finds the leak of an early-exit
 * comparison.)
 */
class ConstantTimeLeakTest {
  private static final SplittableRandom RANDOM = new SplittableRandom(42);

  /** Keeps the JIT from discarding the compared result. */
  private static volatile boolean sink;

  private static TimingLeakDetector detector() {
    return TimingLeakDetector.builder().seed(7).build();
  }

  @Test
  void byteEqualityTakesAsLongForAnEqualInputAsForOneThatDiffersAtTheStart() {
    byte[] secret = new byte[1024];
    RANDOM.nextBytes(secret);
    byte[] differsFirst = secret.clone();
    differsFirst[0] ^= 1;
    TimingReport report =
        assertNoTimingLeak(
            () ->
                detector()
                    .measure(
                        "equal",
                        secret::clone,
                        "differs in byte 0",
                        differsFirst::clone,
                        (byte[] b) -> sink = ConstantTime.equals(secret, b)));
    System.out.println("ConstantTime.equals(byte[]):\n" + report.toText());
  }

  @Test
  void stringEqualityTakesAsLongForAnEqualInputAsForOneThatDiffersInItsFirstChar() {
    char[] chars = new char[512];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = (char) ('a' + RANDOM.nextInt(26));
    }
    String secret = new String(chars);
    TimingReport report =
        assertNoTimingLeak(
            () ->
                detector()
                    .measure(
                        "equal",
                        () -> copy(chars, false),
                        "differs in char 0",
                        () -> copy(chars, true),
                        (String s) -> sink = ConstantTime.equals(secret, s)));
    System.out.println("ConstantTime.equals(String):\n" + report.toText());
  }

  /** Both classes are built by the same code, so that only their content differs. */
  private static String copy(char[] chars, boolean flipFirst) {
    char[] c = chars.clone();
    c[0] ^= flipFirst ? 1 : 0;
    return new String(c);
  }
}
