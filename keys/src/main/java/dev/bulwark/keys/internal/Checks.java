package dev.bulwark.keys.internal;

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

  /** Returns {@code value} if it lies in {@code [min, max]}, else throws naming {@code name}. */
  public static long requireInRange(String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw outOfRange(name, value, min, max);
    }
    return value;
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

  /** Like {@link java.util.Objects#requireNonNull} but with a message that names the parameter. */
  public static <T> T requireNonNull(T value, String name) {
    if (value == null) {
      throw new NullPointerException(name + " must not be null");
    }
    return value;
  }
}
