package dev.bulwark.verification;

/** The HMAC functions of RFC 6238, with their JCA names and output lengths. */
public enum OtpAlgorithm {
  /** HMAC-SHA1: what almost every authenticator app supports, and the default. */
  SHA1("HmacSHA1", "SHA1", 20),
  /** HMAC-SHA256. */
  SHA256("HmacSHA256", "SHA256", 32),
  /** HMAC-SHA512. */
  SHA512("HmacSHA512", "SHA512", 64);

  private final String jcaName;
  private final String uriName;
  private final int macLength;

  OtpAlgorithm(String jcaName, String uriName, int macLength) {
    this.jcaName = jcaName;
    this.uriName = uriName;
    this.macLength = macLength;
  }

  /** The JCA name, e.g. {@code HmacSHA1}. */
  public String jcaName() {
    return jcaName;
  }

  /** The name in an {@code otpauth://} URI's {@code algorithm} parameter, e.g. {@code SHA1}. */
  public String uriName() {
    return uriName;
  }

  /** The MAC output length in bytes, which is also the default secret length. */
  public int macLength() {
    return macLength;
  }
}
