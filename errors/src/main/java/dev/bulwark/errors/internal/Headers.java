package dev.bulwark.errors.internal;

/** Header-name and header-value rules shared by outcomes and responses. */
public final class Headers {
  private Headers() {}

  /** The header that carries a rate-limited response's retry delay in seconds. */
  public static final String RETRY_AFTER = "Retry-After";

  private static final String TOKEN_SPECIALS = "!#$%&'*+-.^_`|~";

  /** Throws unless {@code name} is a non-empty RFC 9110 token of at most 64 characters. */
  public static void requireValidName(String name) {
    Checks.requireNonNull(name, "header name");
    boolean ok = !name.isEmpty() && name.length() <= 64;
    for (int i = 0; ok && i < name.length(); i++) {
      char c = name.charAt(i);
      ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || TOKEN_SPECIALS.indexOf(c) >= 0;
    }
    Checks.requireArgument(ok, "header name must be a token of 1 to 64 characters");
  }

  /** Throws unless {@code value} is at most 1024 printable ASCII characters (no CR, LF, NUL). */
  public static void requireValidValue(String name, String value) {
    Checks.requireNonNull(value, "header value");
    boolean ok = value.length() <= 1024;
    for (int i = 0; ok && i < value.length(); i++) {
      char c = value.charAt(i);
      ok = c >= 0x20 && c < 0x7f;
    }
    Checks.requireArgument(
        ok, "value of header %s must be at most 1024 printable ASCII characters", name);
  }
}
