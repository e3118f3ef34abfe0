package dev.bulwark.verification.internal;

import java.util.Locale;

/** Argument checks whose messages name the rule and, where it is not sensitive, the bad value. */
public final class Checks {
  private Checks() {}

  /** Throws {@link IllegalArgumentException} with a formatted message unless {@code condition}. */
  public static void requireArgument(boolean condition, String template, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, template, args));
    }
  }

  /** Throws {@link IllegalStateException} with a formatted message unless {@code condition}. */
  public static void requireState(boolean condition, String template, Object... args) {
    if (!condition) {
      throw new IllegalStateException(String.format(Locale.ROOT, template, args));
    }
  }

  /** Returns {@code value} if it lies in {@code [min, max]}, else throws naming {@code name}. */
  public static int requireInRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw outOfRange(name, value, min, max);
    }
    return value;
  }

  // Formats only on failure: the checks sit on hot paths, where boxing the arguments for a message
  // that is never built would cost more than the comparison.
  private static IllegalArgumentException outOfRange(String name, long value, long min, long max) {
    return new IllegalArgumentException(
        String.format(Locale.ROOT, "%s must be between %d and %d, got %d", name, min, max, value));
  }

  /** Returns {@code value} if it lies in {@code [min, max]}, else throws naming {@code name}. */
  public static long requireInRange(String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw outOfRange(name, value, min, max);
    }
    return value;
  }

  /** Like {@link java.util.Objects#requireNonNull} but with a message that names the parameter. */
  public static <T> T requireNonNull(T value, String name) {
    if (value == null) {
      throw new NullPointerException(name + " must not be null");
    }
    return value;
  }

  /**
   * Checks an identifier chosen by the host (account ID, credential ID): 1 to 128 printable ASCII
   * characters. The message names the parameter and the rule, never the value.
   */
  public static String requireIdentifier(String value, String name) {
    requireNonNull(value, name);
    int n = value.length();
    requireArgument(n >= 1 && n <= 128, "%s must be 1 to 128 characters, got %d", name, n);
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      requireArgument(
          c > 0x20 && c < 0x7f, "%s must be printable ASCII without spaces (position %d)", name, i);
    }
    return value;
  }
}
