package dev.bulwark.ratelimit.internal;

/** Validation and normalization of E.164 phone numbers. Error messages never contain the number. */
public final class PhoneNumbers {

  /** E.164 allows at most 15 digits; fewer than 8 is no real subscriber number. */
  public static final int MIN_DIGITS = 8;

  /** The most digits an E.164 number may have. */
  public static final int MAX_DIGITS = 15;

  /** Inputs longer than this are rejected before any other work (spaces and dashes included). */
  public static final int MAX_INPUT_LENGTH = 32;

  private PhoneNumbers() {}

  /**
   * Returns {@code input} as {@code +} and its digits, after removing spaces, dashes and
   * parentheses.
   *
   * @throws IllegalArgumentException if the result is not {@code +} followed by 8 to 15 ASCII
   *     digits, the first of them not 0
   */
  public static String normalize(String input) {
    int length = input.length();
    if (length == 0) {
      throw invalid("is empty");
    }
    if (length > MAX_INPUT_LENGTH) {
      throw invalid("is longer than " + MAX_INPUT_LENGTH + " characters");
    }
    if (input.charAt(0) != '+') {
      throw invalid("must start with '+' and the country code");
    }
    StringBuilder out = new StringBuilder(MAX_DIGITS + 1).append('+');
    for (int i = 1; i < length; i++) {
      char c = input.charAt(i);
      if (c >= '0' && c <= '9') {
        if (out.length() == 1 && c == '0') {
          throw invalid("must not have a country code starting with 0");
        }
        out.append(c);
        if (out.length() > MAX_DIGITS + 1) {
          throw invalid("has more than " + MAX_DIGITS + " digits");
        }
      } else if (c != ' ' && c != '-' && c != '(' && c != ')') {
        throw invalid("may contain only '+', ASCII digits, spaces, dashes and parentheses");
      }
    }
    if (out.length() - 1 < MIN_DIGITS) {
      throw invalid("has fewer than " + MIN_DIGITS + " digits");
    }
    return out.toString();
  }

  private static IllegalArgumentException invalid(String problem) {
    return new IllegalArgumentException("phone number " + problem);
  }
}
