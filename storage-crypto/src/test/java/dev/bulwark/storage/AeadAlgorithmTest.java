package dev.bulwark.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.XChaCha20Poly1305Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Only keys of the data keys' own parameters (256-bit, Tink's TINK variant, whose ciphertext prefix
 * is the record header) are taken as data keys when unwrapped.
 */
class AeadAlgorithmTest {
  @ParameterizedTest
  @EnumSource(AeadAlgorithm.class)
  void everyAlgorithmsDataKeyParametersAreRecognized(AeadAlgorithm algorithm) throws Exception {
    assertThat(AeadAlgorithm.isDataKeyParameters(algorithm.tinkParameters())).isTrue();
  }

  @Test
  void otherVariantsAndKeySizesAreNot() throws Exception {
    AesGcmParameters.Builder gcm =
        AesGcmParameters.builder().setKeySizeBytes(32).setIvSizeBytes(12).setTagSizeBytes(16);
    assertThat(
            AeadAlgorithm.isDataKeyParameters(
                gcm.setVariant(AesGcmParameters.Variant.NO_PREFIX).build()))
        .isFalse();
    assertThat(
            AeadAlgorithm.isDataKeyParameters(
                gcm.setVariant(AesGcmParameters.Variant.CRUNCHY).build()))
        .isFalse();
    assertThat(
            AeadAlgorithm.isDataKeyParameters(
                AesGcmParameters.builder()
                    .setKeySizeBytes(16)
                    .setIvSizeBytes(12)
                    .setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.TINK)
                    .build()))
        .isFalse();
    assertThat(
            AeadAlgorithm.isDataKeyParameters(
                XChaCha20Poly1305Parameters.create(XChaCha20Poly1305Parameters.Variant.NO_PREFIX)))
        .isFalse();
  }
}
