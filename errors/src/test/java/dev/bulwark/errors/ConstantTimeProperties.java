package dev.bulwark.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Constant-time equality gives exactly the answers of ordinary equality, and constant-time select
 * picks exactly what a branch would. (That its time does not depend on the inputs is shown by
 * {@link ConstantTimeLeakTest}.)
 */
class ConstantTimeProperties {
  private static final int EXAMPLES = 1000;

  /** Strings drawn so that equal pairs, prefixes and one-character differences are common. */
  private static Gen<String> strs() {
    return strings().allPossible().ofLengthBetween(0, 40);
  }

  /** A second string that is often equal to or a near miss of the first. */
  private static String near(String s, int mode) {
    switch (Math.floorMod(mode, 4)) {
      case 0:
        return new String(s.toCharArray());
      case 1:
        return s.isEmpty() ? "x" : s.substring(0, s.length() - 1);
      case 2:
        if (s.isEmpty()) {
          return "";
        }
        char[] c = s.toCharArray();
        int i = Math.floorMod(mode * 31, c.length);
        c[i] = (char) (c[i] ^ 1);
        return new String(c);
      default:
        return s + "\0";
    }
  }

  /** For byte arrays, constant-time equality agrees with {@link Arrays#equals(byte[], byte[])}. */
  @Test
  void byteEqualityAgreesWithArraysEquals() {
    qt().withExamples(EXAMPLES)
        .forAll(strs(), integers().all())
        .checkAssert(
            (s, mode) -> {
              byte[] a = s.getBytes(StandardCharsets.UTF_8);
              byte[] b = near(s, mode).getBytes(StandardCharsets.UTF_8);
              assertThat(ConstantTime.equals(a, b)).isEqualTo(Arrays.equals(a, b));
            });
  }

  /** For char arrays, constant-time equality agrees with {@link Arrays#equals(char[], char[])}. */
  @Test
  void charEqualityAgreesWithArraysEquals() {
    qt().withExamples(EXAMPLES)
        .forAll(strings().allPossible().ofLengthBetween(0, 600), integers().all())
        .checkAssert(
            (s, mode) -> {
              char[] a = s.toCharArray();
              char[] b = near(s, mode).toCharArray();
              assertThat(ConstantTime.equals(a, b)).isEqualTo(Arrays.equals(a, b));
            });
  }

  /** For strings, constant-time equality agrees with {@link String#equals}. */
  @Test
  void stringEqualityAgreesWithStringEquals() {
    qt().withExamples(EXAMPLES)
        .forAll(strs(), integers().all())
        .checkAssert(
            (s, mode) -> {
              String t = near(s, mode);
              assertThat(ConstantTime.equals(s, t)).isEqualTo(s.equals(t));
            });
  }

  /** Select returns the first value for choice 1 and the second for choice 0. */
  @Test
  void selectPicksWhatABranchWould() {
    qt().withExamples(EXAMPLES)
        .forAll(integers().between(0, 1), longs().all(), longs().all())
        .checkAssert(
            (choice, a, b) -> {
              assertThat(ConstantTime.select(choice, a, b)).isEqualTo(choice == 1 ? a : b);
              assertThat(ConstantTime.select(choice, (int) (long) a, (int) (long) b))
                  .isEqualTo(choice == 1 ? (int) (long) a : (int) (long) b);
              byte[] x = Long.toString(a).getBytes(StandardCharsets.US_ASCII);
              byte[] y =
                  Arrays.copyOf(Long.toString(b).getBytes(StandardCharsets.US_ASCII), x.length);
              assertThat(ConstantTime.select(choice, x, y)).isEqualTo(choice == 1 ? x : y);
            });
  }

  /** isEqual is 1 exactly when its arguments are equal, and its result drives select. */
  @Test
  void isEqualIsOneExactlyForEqualInts() {
    qt().withExamples(EXAMPLES)
        .forAll(integers().all(), integers().between(-2, 2))
        .checkAssert(
            (a, delta) -> {
              int b = a + delta;
              assertThat(ConstantTime.isEqual(a, b)).isEqualTo(a == b ? 1 : 0);
              assertThat(ConstantTime.select(ConstantTime.isEqual(a, b), 7, 9))
                  .isEqualTo(a == b ? 7 : 9);
            });
  }

  @Test
  void nullsAndMismatchedSelectLengthsAreRejected() {
    assertThatThrownBy(() -> ConstantTime.equals((byte[]) null, new byte[0]))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("a must not be null");
    assertThatThrownBy(() -> ConstantTime.equals("", (String) null))
        .hasMessage("b must not be null");
    assertThatThrownBy(() -> ConstantTime.select(1, new byte[2], new byte[3]))
        .hasMessage("arrays must have equal lengths, got 2 and 3");
  }
}
