package dev.bulwark.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyUriTest {
  final OtpSecret secret = OtpSecret.copyOf("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

  @Test
  void totpUriWithEscapedLabel() {
    String uri = KeyUri.totp("ACME Co", "jane+test@example.com", secret, TotpParameters.defaults());
    assertThat(uri)
        .isEqualTo(
            "otpauth://totp/ACME%20Co:jane%2Btest%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                + "&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30");
  }

  @Test
  void nonAsciiIsUtf8PercentEncodedAndParametersFollowTheCredential() {
    TotpParameters p =
        TotpParameters.builder().algorithm(OtpAlgorithm.SHA512).digits(8).stepSeconds(60).build();
    String uri = KeyUri.totp("Bülwark&Co", "Zoë?x=1", secret, p);
    assertThat(uri)
        .startsWith("otpauth://totp/B%C3%BClwark%26Co:Zo%C3%AB%3Fx%3D1?secret=")
        .endsWith("&issuer=B%C3%BClwark%26Co&algorithm=SHA512&digits=8&period=60");
  }

  @Test
  void hotpUriCarriesTheCounter() {
    assertThat(KeyUri.hotp("ACME", "jane", secret, Hotp.of(secret), 7))
        .isEqualTo(
            "otpauth://hotp/ACME:jane?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME&algorithm=SHA1&digits=6&counter=7");
  }

  @Test
  void colonsAndControlCharactersAreRejected() {
    assertThatThrownBy(() -> KeyUri.totp("A:B", "jane", secret, TotpParameters.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("issuer must not contain a colon");
    assertThatThrownBy(() -> KeyUri.totp("ACME", "ja:ne", secret, TotpParameters.defaults()))
        .hasMessageContaining("account must not contain a colon");
    assertThatThrownBy(() -> KeyUri.totp("ACME", "ja\nne", secret, TotpParameters.defaults()))
        .hasMessageContaining("control");
    assertThatThrownBy(() -> KeyUri.totp("", "jane", secret, TotpParameters.defaults()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
