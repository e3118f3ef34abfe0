package dev.bulwark.groups;

import dev.bulwark.groups.internal.Checks;
import dev.bulwark.groups.internal.Ed25519s;
import java.security.SecureRandom;

/**
 * An Ed25519 private key: a client's key for signing its changes, or the server's key for signing
 * the change log. The private seed never leaves this object, and {@code toString()} does not print
 * it. Thread-safe (immutable).
 */
public final class SigningKey {
  private final byte[] seed;
  private final byte[] publicKey;

  private SigningKey(byte[] seed) {
    this.seed = seed;
    this.publicKey = Ed25519s.publicKey(seed);
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

  @Override
  public String toString() {
    return "SigningKey[redacted]";
  }
}
