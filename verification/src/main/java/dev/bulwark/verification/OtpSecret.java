package dev.bulwark.verification;

import static dev.bulwark.verification.internal.Checks.requireArgument;
import static dev.bulwark.verification.internal.Checks.requireNonNull;

import dev.bulwark.verification.internal.Base32;
import dev.bulwark.verification.internal.Randoms;
import java.security.SecureRandom;

/**
 * A TOTP or HOTP shared secret: from 160 bits ({@value #MIN_BYTES} bytes) to {@value #MAX_BYTES}
 * bytes.
 *
 * <p>Secrets are a type, as in Tink: {@code toString()} shows only the length, there is no {@code
 * equals} or {@code hashCode}, and the bytes come out only through {@link #toByteArray()} and
 * {@link #toBase32()}, whose names make every use easy to find. Instances are immutable.
 */
public final class OtpSecret {
  /** The shortest secret accepted: 160 bits, as RFC 4226 requires. */
  public static final int MIN_BYTES = 20;

  /** The longest secret accepted. */
  public static final int MAX_BYTES = 128;

  private final byte[] bytes;

  private OtpSecret(byte[] bytes) {
    requireArgument(
        bytes.length >= MIN_BYTES && bytes.length <= MAX_BYTES,
        "secret must be %d to %d bytes, got %d",
        MIN_BYTES,
        MAX_BYTES,
        bytes.length);
    this.bytes = bytes;
  }

  /**
   * Returns a new random secret as long as {@code algorithm}'s MAC output (20, 32 or 64 bytes), the
   * length RFC 4226 and RFC 6238 recommend, from the default {@link SecureRandom}.
   */
  public static OtpSecret generate(OtpAlgorithm algorithm) {
    return generate(requireNonNull(algorithm, "algorithm").macLength(), Randoms.secureRandom());
  }

  /**
   * Returns a new random secret of {@code length} bytes from {@code random}.
   *
   * @throws IllegalArgumentException if {@code length} is outside [{@value #MIN_BYTES}, {@value
   *     #MAX_BYTES}]
   */
  public static OtpSecret generate(int length, SecureRandom random) {
    requireNonNull(random, "random");
    requireArgument(
        length >= MIN_BYTES && length <= MAX_BYTES,
        "secret must be %d to %d bytes, got %d",
        MIN_BYTES,
        MAX_BYTES,
        length);
    byte[] b = new byte[length];
    random.nextBytes(b);
    return new OtpSecret(b);
  }

  /**
   * Returns a secret holding a copy of {@code bytes}.
   *
   * @throws IllegalArgumentException if the length is outside [{@value #MIN_BYTES}, {@value
   *     #MAX_BYTES}]
   */
  public static OtpSecret copyOf(byte[] bytes) {
    return new OtpSecret(requireNonNull(bytes, "bytes").clone());
  }

  /**
   * Parses strict RFC 4648 Base32: {@code A-Z2-7} in either case, optional complete {@code =}
   * padding, no spaces or separators, and no non-zero trailing bits.
   *
   * @throws IllegalArgumentException if {@code base32} is not canonical Base32 or decodes to a
   *     length outside [{@value #MIN_BYTES}, {@value #MAX_BYTES}]; the message never shows the
   *     input
   */
  public static OtpSecret fromBase32(CharSequence base32) {
    return new OtpSecret(Base32.decode(base32));
  }

  /** The length in bytes. */
  public int length() {
    return bytes.length;
  }

  /** Returns a copy of the secret bytes. <b>Warning:</b> this reveals the secret. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /**
   * Returns the secret in upper-case Base32 without padding, as authenticator apps take it.
   * <b>Warning:</b> this reveals the secret.
   */
  public String toBase32() {
    return Base32.encode(bytes);
  }

  /** Package access for the key handles built from it. */
  byte[] bytes() {
    return bytes;
  }

  @Override
  public String toString() {
    return "OtpSecret[" + bytes.length * 8 + " bits]";
  }
}
