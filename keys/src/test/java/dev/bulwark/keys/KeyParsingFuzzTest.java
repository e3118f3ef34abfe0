package dev.bulwark.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.keys.spi.MasterKeyProvider;

/**
 * Fuzzes the module's parsers of untrusted bytes. In the normal build it replays the seed corpus
 * under {@code src/test/resources/dev/bulwark/keys/KeyParsingFuzzTestInputs/}; with {@code
 * JAZZER_FUZZ=1} it fuzzes with coverage guidance.
 */
class KeyParsingFuzzTest {
  private static final KeyRing RING =
      KeyRing.builder("fuzz").masterKey(MasterKeyProvider.aesGcm(new byte[32])).build();

  /**
   * Any byte string either decodes to a key whose encoding is exactly the input, or is refused with
   * a {@link KeyRejectedException}; nothing else escapes.
   */
  @FuzzTest(maxDuration = "10s")
  void publicKeyDecodingRoundTripsOrRejects(FuzzedDataProvider data) {
    byte[] input = data.consumeRemainingAsBytes();
    try {
      ClientPublicKey key = ClientPublicKey.decode(input);
      assertThat(key.encoded()).isEqualTo(input);
    } catch (KeyRejectedException e) {
      assertThat(e.reason()).isNotNull();
    }
  }

  /**
   * Any byte string given to the key ring as a ciphertext is refused with a typed {@link
   * KeyRingException}, never opened and never another exception.
   */
  @FuzzTest(maxDuration = "10s")
  void forgedCiphertextsAreRefusedWithATypedReason(FuzzedDataProvider data) {
    byte[] input = data.consumeRemainingAsBytes();
    try {
      byte[] opened = RING.decrypt(input, new byte[0]);
      throw new AssertionError("opened a forged ciphertext of " + opened.length + " bytes");
    } catch (KeyRingException e) {
      assertThat(e.reason()).isNotNull();
    }
  }
}
