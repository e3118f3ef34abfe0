package dev.bulwark.keys;

import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** A client's identity key pair and the keys it signs, generated with Bouncy Castle. */
final class TestKeys {
  private static final SecureRandom RANDOM = new SecureRandom();

  final Ed25519PrivateKeyParameters identityPrivate;
  final ClientPublicKey identity;

  TestKeys() {
    this(new Ed25519PrivateKeyParameters(RANDOM));
  }

  TestKeys(Ed25519PrivateKeyParameters identityPrivate) {
    this.identityPrivate = identityPrivate;
    this.identity =
        ClientPublicKey.of(KeyAlgorithm.ED25519, identityPrivate.generatePublicKey().getEncoded());
  }

  /** A fresh X25519-typed prekey value (random bytes, never all zero). */
  static ClientPublicKey randomPreKey() {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    raw[0] |= 1;
    return ClientPublicKey.of(KeyAlgorithm.X25519, raw);
  }

  byte[] sign(byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, identityPrivate);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  /** A signed prekey with a valid signature by this identity. */
  SignedPreKey signed(int keyId) {
    ClientPublicKey key = randomPreKey();
    return SignedPreKey.of(keyId, key, sign(key.encoded()));
  }

  /** A signed prekey whose signature was made by another identity. */
  static SignedPreKey forged(int keyId) {
    return new TestKeys().signed(keyId);
  }

  static OneTimePreKey oneTime(int keyId) {
    return new OneTimePreKey(keyId, randomPreKey());
  }
}
