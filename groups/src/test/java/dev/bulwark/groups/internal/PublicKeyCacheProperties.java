package dev.bulwark.groups.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The cache of decoded author keys changes no verdict: a cached verification accepts exactly what
 * an uncached Bouncy Castle verification accepts, for right, tampered and foreign signatures, for
 * small-order and non-canonical keys, and after the caller changes its key array.
 */
class PublicKeyCacheProperties {

  /** Encodings of small-order points and of a non-canonical y (p + 1), all rejected as keys. */
  private static final byte[][] BAD_KEYS = {
    new byte[32], // y = 0: order 4
    oneAt(0, 1), // y = 1: the neutral element
    hex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"), // y = -1: order 2
    hex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"), // y = p + 1
  };

  /** Same verdict as {@link Ed25519s#verify} for a right, a tampered or a foreign signature. */
  @Test
  void cachedVerificationAgreesWithUncached() {
    PublicKeyCache cache = new PublicKeyCache(4);
    qt().withExamples(300)
        .withShrinkCycles(50)
        .forAll(longs().all(), integers().between(0, 3), integers().all())
        .checkAssert(
            (seed, kind, where) -> {
              Random random = new Random(seed % 8); // few distinct keys, so most lookups hit
              byte[] seed1 = new byte[32];
              random.nextBytes(seed1);
              byte[] publicKey = Ed25519s.publicKey(seed1);
              byte[] message = new byte[1 + Math.floorMod(where, 100)];
              new Random(seed).nextBytes(message);
              byte[] signature = Ed25519s.sign(seed1, message);
              switch (kind) {
                case 1 -> signature[Math.floorMod(where, 64)] ^= (byte) (1 << (where >>> 29));
                case 2 -> message[Math.floorMod(where, message.length)] ^= 1;
                case 3 -> publicKey = BAD_KEYS[Math.floorMod(where, BAD_KEYS.length)].clone();
                default -> {}
              }
              boolean expected = Ed25519s.verify(publicKey, message, signature);
              assertThat(cache.verify(publicKey, message, signature)).isEqualTo(expected);
              assertThat(cache.verify(publicKey, message, signature)).isEqualTo(expected);
              if (kind == 0) {
                assertThat(expected).isTrue();
              }
              if (kind == 3) {
                assertThat(expected).isFalse();
              }
            });
  }

  @Test
  void rejectedKeysAreNotCachedAndWrongLengthsAreFalse() {
    PublicKeyCache cache = new PublicKeyCache(16);
    for (byte[] bad : BAD_KEYS) {
      assertThat(cache.verify(bad, new byte[] {1}, new byte[64])).isFalse();
    }
    assertThat(cache.size()).isZero();
    assertThat(cache.verify(new byte[31], new byte[] {1}, new byte[64])).isFalse();
    assertThat(cache.verify(new byte[32], new byte[] {1}, new byte[63])).isFalse();
  }

  @Test
  void theCallersArrayChangingLaterDoesNotChangeTheCachedKey() {
    PublicKeyCache cache = new PublicKeyCache(16);
    byte[] seedA = new byte[32];
    byte[] seedB = new byte[32];
    seedB[0] = 1;
    byte[] message = {1, 2, 3};
    byte[] key = Ed25519s.publicKey(seedA);
    byte[] signedByA = Ed25519s.sign(seedA, message);
    assertThat(cache.verify(key, message, signedByA)).isTrue();
    // the caller reuses its array for another key: the cache must not answer for A any more
    System.arraycopy(Ed25519s.publicKey(seedB), 0, key, 0, 32);
    assertThat(cache.verify(key, message, signedByA)).isFalse();
    assertThat(cache.verify(key, message, Ed25519s.sign(seedB, message))).isTrue();
    assertThat(cache.verify(Ed25519s.publicKey(seedA), message, signedByA)).isTrue();
  }

  @Test
  void theSizeBoundIsChecked() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PublicKeyCache(0))
        .hasMessageContaining("maximumKeys must be between 1 and");
  }

  private static byte[] oneAt(int index, int value) {
    byte[] b = new byte[32];
    b[index] = (byte) value;
    return b;
  }

  private static byte[] hex(String s) {
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
