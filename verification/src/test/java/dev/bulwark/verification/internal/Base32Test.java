package dev.bulwark.verification.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base32Test {

  /** RFC 4648 section 10, with and without padding. */
  @ParameterizedTest
  @CsvSource({
    "f, MY, MY======",
    "fo, MZXQ, MZXQ====",
    "foo, MZXW6, MZXW6===",
    "foob, MZXW6YQ, MZXW6YQ=",
    "fooba, MZXW6YTB, MZXW6YTB",
    "foobar, MZXW6YTBOI, MZXW6YTBOI======"
  })
  void rfc4648Vectors(String plain, String unpadded, String padded) {
    byte[] bytes = plain.getBytes(StandardCharsets.US_ASCII);
    assertThat(Base32.encode(bytes)).isEqualTo(unpadded);
    assertThat(Base32.decode(unpadded)).isEqualTo(bytes);
    assertThat(Base32.decode(padded)).isEqualTo(bytes);
    assertThat(Base32.decode(unpadded.toLowerCase(java.util.Locale.ROOT))).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "=", "========", "M", "MZX", "MZXW6Y", "MZ======", "MZXW6YTB=", "MZXQ===", "MY=====", "MZXQ=====",
        "MZ", "MZXR", "MZXW7", "MZXW6YR", "MZXW6YTBOJ", "MZXW 6YTB", "MZXW-6YTB", "MZXW6YT0", "MZXW6YT1",
        "MZXW6YT8", "MZXW6YTÄ", "MZXW6YT\u0000", "MZXW6=TB", "MZXW6YTB\n"
      })
  void everythingNonCanonicalIsRejected(String text) {
    assertThatThrownBy(() -> Base32.decode(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Base32");
  }

  @ParameterizedTest
  @ValueSource(strings = {"MZXW6YTBOI", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"})
  void messagesNeverShowTheInput(String secret) {
    assertThatThrownBy(() -> Base32.decode(secret + "!"))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain(secret);
  }
}
