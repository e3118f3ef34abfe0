package dev.bulwark.verification;

import static dev.bulwark.verification.internal.Checks.requireArgument;
import static dev.bulwark.verification.internal.Checks.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * {@code otpauth://} key URIs, the format authenticator apps read from QR codes.
 *
 * <p>The label is {@code issuer:account}, and the issuer is repeated as a parameter. Both are
 * percent-encoded as UTF-8 (RFC 3986: everything but {@code A-Z a-z 0-9 - . _ ~}, so a space is
 * {@code %20}, never {@code +}), and neither may contain a colon or a control character, as the
 * format requires. The secret is upper-case Base32 without padding.
 *
 * <p><b>Warning:</b> a key URI contains the secret. Show it once (as a QR code) and never log it.
 */
public final class KeyUri {
  private KeyUri() {}

  /**
   * Returns the URI for a TOTP credential.
   *
   * @throws IllegalArgumentException if {@code issuer} or {@code account} is empty, longer than
   *     256 characters, or contains a colon or a control character
   */
  public static String totp(String issuer, String account, OtpSecret secret, TotpParameters parameters) {
    requireNonNull(parameters, "parameters");
    return base("totp", issuer, account, secret, parameters.algorithm(), parameters.digits())
        + "&period="
        + parameters.stepSeconds();
  }

  /**
   * Returns the URI for an HOTP credential starting at {@code counter}.
   *
   * @throws IllegalArgumentException as for {@link #totp}, or if {@code counter} is negative
   */
  public static String hotp(String issuer, String account, OtpSecret secret, Hotp hotp, long counter) {
    requireNonNull(hotp, "hotp");
    requireArgument(counter >= 0, "counter must not be negative, got %d", counter);
    return base("hotp", issuer, account, secret, hotp.algorithm(), hotp.digits()) + "&counter=" + counter;
  }

  private static String base(
      String type, String issuer, String account, OtpSecret secret, OtpAlgorithm algorithm, int digits) {
    checkLabelPart(issuer, "issuer");
    checkLabelPart(account, "account");
    requireNonNull(secret, "secret");
    String encodedIssuer = encode(issuer);
    return "otpauth://"
        + type
        + "/"
        + encodedIssuer
        + ":"
        + encode(account)
        + "?secret="
        + secret.toBase32()
        + "&issuer="
        + encodedIssuer
        + "&algorithm="
        + algorithm.uriName()
        + "&digits="
        + digits;
  }

  private static void checkLabelPart(String value, String name) {
    requireNonNull(value, name);
    int n = value.length();
    requireArgument(n >= 1 && n <= 256, "%s must be 1 to 256 characters, got %d", name, n);
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      requireArgument(c != ':', "%s must not contain a colon (position %d)", name, i);
      requireArgument(
          !Character.isISOControl(c), "%s must not contain control characters (position %d)", name, i);
    }
  }

  /** Percent-encodes everything but RFC 3986's unreserved characters, from UTF-8. */
  static String encode(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(bytes.length * 3);
    for (byte b : bytes) {
      int c = b & 0xff;
      boolean unreserved =
          (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
              || c == '_' || c == '~';
      if (unreserved) {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX[c >>> 4]).append(HEX[c & 15]);
      }
    }
    return sb.toString();
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
