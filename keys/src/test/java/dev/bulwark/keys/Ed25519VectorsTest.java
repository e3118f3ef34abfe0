package dev.bulwark.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.keys.internal.Crypto;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 8032 section 7.1 test 1, and the tampered and malleated forms that must be refused. */
class Ed25519VectorsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] PUBLIC_KEY =
      HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  private static final byte[] SIGNATURE =
      HEX.parseHex(
          "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

  @Test
  void rfc8032VectorVerifies() {
    assertThat(Crypto.isValidEd25519PublicKey(PUBLIC_KEY)).isTrue();
    assertThat(Crypto.verifyEd25519(PUBLIC_KEY, new byte[0], SIGNATURE)).isTrue();
  }

  @Test
  void tamperedMessageSignatureOrKeyIsRefused() {
    assertThat(Crypto.verifyEd25519(PUBLIC_KEY, new byte[] {0}, SIGNATURE)).isFalse();
    for (int i = 0; i < SIGNATURE.length; i += 7) {
      byte[] tampered = SIGNATURE.clone();
      tampered[i] ^= 0x01;
      assertThat(Crypto.verifyEd25519(PUBLIC_KEY, new byte[0], tampered))
          .as("byte %d", i)
          .isFalse();
    }
    byte[] otherKey = PUBLIC_KEY.clone();
    otherKey[0] ^= 1;
    assertThat(Crypto.verifyEd25519(otherKey, new byte[0], SIGNATURE)).isFalse();
    assertThat(Crypto.verifyEd25519(PUBLIC_KEY, new byte[0], new byte[63])).isFalse();
  }

  @Test
  void malleatedSignatureWithSPlusOrderIsRefused() {
    // the same R with S + L: valid under a lax verifier, refused by strict RFC 8032 checking
    byte[] malleated =
        HEX.parseHex(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901554c8c7872aa064e049dbb3013fbf29380d25bf5f0595bbe24655141438e7a101b");
    assertThat(Crypto.verifyEd25519(PUBLIC_KEY, new byte[0], malleated)).isFalse();
  }
}
