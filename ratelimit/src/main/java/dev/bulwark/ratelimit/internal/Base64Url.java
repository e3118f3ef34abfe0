package dev.bulwark.ratelimit.internal;

/** The base64url alphabet (RFC 4648 section 5), for checking client input before any work. */
public final class Base64Url {
  private Base64Url() {}

  /** Whether every character of {@code s} is {@code A-Z a-z 0-9 - _} (no padding). */
  public static boolean isAlphabet(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
