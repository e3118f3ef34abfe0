package dev.bulwark.groups;

import dev.bulwark.groups.internal.Checks;
import dev.bulwark.groups.internal.Ed25519s;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * An Ed25519 private key: a client's key for signing its changes, or the server's key for signing
 * the heads of the change log. The private seed never leaves this object, and {@code toString()}
 * does not print it. Thread-safe (immutable).
 *
 * <p>A server key also derives, with HKDF-SHA256 (info {@code "bulwark-groups/log-seal/v1"}), the
 * HMAC-SHA256 key that seals each log entry's hash when it is appended: a {@link LogEntry#seal()}
 * only a holder of this key can make or check, which lets the server sign a head later without
 * trusting the store's copy of the log.
 *
 * <p>A seal can be checked only with the key that made it, so replacing a server key needs a
 * hand-over: build the new server with the old key's {@link RetiredServerKey#of retired form} among
 * its {@link GroupServer.Builder#retiredServerKeys retired keys} (never a key that leaked), which
 * accepts the old seals on the newest entries while sealing and signing everything new with the new
 * key. The retired form holds the seal key and the public key but not the seed, so the host can
 * destroy the old seed once it has stored that.
 */
public final class SigningKey {
  private static final byte[] SEAL_INFO =
      "bulwark-groups/log-seal/v1".getBytes(StandardCharsets.US_ASCII);

  /** Length of a seal, in bytes. */
  static final int SEAL_LENGTH = 32;

  private final byte[] seed;
  private final byte[] publicKey;
  private final RetiredServerKey sealing;

  private SigningKey(byte[] seed) {
    this.seed = seed;
    this.publicKey = Ed25519s.publicKey(seed);
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(seed, null, SEAL_INFO));
    byte[] sealKey = new byte[SEAL_LENGTH];
    hkdf.generateBytes(sealKey, 0, sealKey.length);
    // The sealing half of this key is exactly what a server keeps once the key is retired, so it
    // lives in that type and is shared with RetiredServerKey.of (immutable).
    this.sealing = new RetiredServerKey(publicKey.clone(), sealKey);
  }

  /** A fresh key from {@code random}, which must be a {@link SecureRandom}. */
  public static SigningKey generate(SecureRandom random) {
    Checks.requireNonNull(random, "random");
    byte[] seed = new byte[Ed25519s.KEY_LENGTH];
    random.nextBytes(seed);
    return new SigningKey(seed);
  }

  /** A key from its stored 32-byte RFC 8032 seed (copied). */
  public static SigningKey fromSeed(byte[] seed) {
    Checks.requireNonNull(seed, "seed");
    Checks.requireArgument(seed.length == Ed25519s.KEY_LENGTH, "seed must be 32 bytes");
    return new SigningKey(seed.clone());
  }

  /** A copy of the 32-byte public key. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  byte[] sign(byte[] message) {
    return Ed25519s.sign(seed, message);
  }

  /** The seal key and public key of this key, without the seed. */
  RetiredServerKey sealing() {
    return sealing;
  }

  /** HMAC-SHA256 of {@code message} under the derived seal key. */
  byte[] seal(byte[] message) {
    return sealing.seal(message);
  }

  /** Whether {@code seal} is {@link #seal(byte[])} of {@code message} (constant-time compare). */
  boolean sealMatches(byte[] message, byte[] seal) {
    return sealing.sealMatches(message, seal);
  }

  @Override
  public String toString() {
    return "SigningKey[redacted]";
  }
}
