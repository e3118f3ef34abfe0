package dev.bulwark.verification.internal;

import java.security.SecureRandom;
import java.util.Base64;

/** The default CSPRNG and small helpers over it. */
public final class Randoms {
  private static final SecureRandom DEFAULT = new SecureRandom();

  private Randoms() {}

  /** The process-wide default {@link SecureRandom} (thread-safe). */
  public static SecureRandom secureRandom() {
    return DEFAULT;
  }

  /** Returns {@code bytes} random bytes as unpadded base64url. */
  public static String base64Url(SecureRandom random, int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Whether {@code s} has exactly {@code length} characters of the base64url alphabet. */
  public static boolean isBase64Url(String s, int length) {
    if (s == null || s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
