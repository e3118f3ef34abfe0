package dev.bulwark.keys;

import dev.bulwark.keys.internal.Checks;
import dev.bulwark.keys.internal.Crypto;
import java.util.Arrays;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * A client's public key: an algorithm and its raw bytes, validated on creation.
 *
 * <p>Immutable; equality is by algorithm and bytes. {@link #toString()} shows the algorithm and a
 * short SHA-256 fingerprint.
 */
public final class ClientPublicKey {
  private final KeyAlgorithm algorithm;
  private final byte[] raw;
  private @Nullable String fingerprint; // computed once; a benign race at worst computes it twice

  private ClientPublicKey(KeyAlgorithm algorithm, byte[] raw) {
    this.algorithm = algorithm;
    this.raw = raw;
  }

  /**
   * A public key of {@code algorithm} from its raw bytes (copied).
   *
   * @throws KeyRejectedException with {@link KeyRejectedException.Reason#WRONG_LENGTH} or {@link
   *     KeyRejectedException.Reason#INVALID_POINT}
   */
  public static ClientPublicKey of(KeyAlgorithm algorithm, byte[] raw) {
    Checks.requireNonNull(algorithm, "algorithm");
    Checks.requireNonNull(raw, "raw");
    if (raw.length != algorithm.keyLength()) {
      throw new KeyRejectedException(
          KeyRejectedException.Reason.WRONG_LENGTH,
          algorithm + " public key must be " + algorithm.keyLength() + " bytes, got " + raw.length);
    }
    byte[] copy = raw.clone();
    if (!algorithm.isValidKey(copy)) {
      throw new KeyRejectedException(
          KeyRejectedException.Reason.INVALID_POINT,
          algorithm + " public key is not a valid point");
    }
    return new ClientPublicKey(algorithm, copy);
  }

  /**
   * Parses the wire form {@code typeByte || raw} of {@link #encoded()}.
   *
   * @throws KeyRejectedException if the type byte is unknown, the length is wrong or the point is
   *     invalid
   */
  public static ClientPublicKey decode(byte[] encoded) {
    Checks.requireNonNull(encoded, "encoded");
    if (encoded.length == 0) {
      throw new KeyRejectedException(
          KeyRejectedException.Reason.WRONG_LENGTH, "encoded public key is empty");
    }
    for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
      if (algorithm.typeByte() == encoded[0]) {
        return of(algorithm, Arrays.copyOfRange(encoded, 1, encoded.length));
      }
    }
    throw new KeyRejectedException(
        KeyRejectedException.Reason.UNSUPPORTED_ALGORITHM, "unknown public key type byte");
  }

  /** The algorithm. */
  public KeyAlgorithm algorithm() {
    return algorithm;
  }

  /** A copy of the raw key bytes. */
  public byte[] raw() {
    return raw.clone();
  }

  /** The wire form: the algorithm's type byte followed by the raw key; this is what is signed. */
  public byte[] encoded() {
    byte[] out = new byte[raw.length + 1];
    out[0] = algorithm.typeByte();
    System.arraycopy(raw, 0, out, 1, raw.length);
    return out;
  }

  /** Verifies {@code signature} over {@code message} with this key (false if it cannot sign). */
  boolean verify(byte[] message, byte[] signature) {
    return algorithm == KeyAlgorithm.ED25519 && Crypto.verifyEd25519(raw, message, signature);
  }

  /** SHA-256 of {@link #encoded()}, hex; identifies a key value regardless of its key ID. */
  public String fingerprint() {
    String cached = fingerprint;
    if (cached == null) {
      cached = HexFormat.of().formatHex(Crypto.sha256(encoded()));
      fingerprint = cached;
    }
    return cached;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientPublicKey other
        && other.algorithm == algorithm
        && Arrays.equals(other.raw, raw);
  }

  @Override
  public int hashCode() {
    return 31 * algorithm.hashCode() + Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "ClientPublicKey[" + algorithm + ", " + fingerprint().substring(0, 16) + "]";
  }
}
