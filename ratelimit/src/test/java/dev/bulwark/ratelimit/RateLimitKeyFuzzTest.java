package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz tests of the key parsers. In the normal build they replay the committed seeds under {@code
 * src/test/resources/dev/bulwark/ratelimit/RateLimitKeyFuzzTestInputs/}; with {@code JAZZER_FUZZ=1}
 * Jazzer explores further. Inputs are raw bytes read as UTF-8, so seeds are plain text files.
 */
class RateLimitKeyFuzzTest {

  /**
   * Any input is either rejected with {@link IllegalArgumentException}, without being echoed, or
   * accepted as a literal that the JDK reads as the same address.
   */
  @FuzzTest(maxDuration = "30s")
  void ipLiteralsAreParsedStrictlyAndAgreeWithTheJdk(byte[] input) throws Exception {
    String literal = new String(input, StandardCharsets.UTF_8);
    RateLimitKey key;
    try {
      key = RateLimitKey.ip(literal);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).startsWith("IP address literal ");
      if (literal.length() >= 8) {
        assertThat(e.getMessage()).doesNotContain(literal);
      }
      return;
    }
    // Accepted, so it is a literal: the JDK parses it without a name lookup.
    assertThat(RateLimitKey.ip(InetAddress.getByName(literal))).isEqualTo(key);
    assertThat(key.kind()).isIn("ip4", "ip6");
  }

  /**
   * Any input is either rejected with {@link IllegalArgumentException}, without its digits being
   * echoed, or normalized to {@code +} and the input's own 8 to 15 digits, idempotently.
   */
  @FuzzTest(maxDuration = "30s")
  void phoneNumbersNormalizeToE164OrAreRejected(byte[] input) {
    String number = new String(input, StandardCharsets.UTF_8);
    RateLimitKey key;
    try {
      key = RateLimitKey.phone(number);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).startsWith("phone number ");
      String digits = number.replaceAll("[^0-9]", "");
      if (digits.length() >= 4) {
        assertThat(e.getMessage()).doesNotContain(digits);
      }
      return;
    }
    String canonical = key.canonical();
    assertThat(canonical).matches("tel:\\+[1-9][0-9]{7,14}");
    assertThat(canonical.substring(5)).isEqualTo(number.replaceAll("[^0-9]", ""));
    assertThat(RateLimitKey.phone(canonical.substring(4))).isEqualTo(key);
  }
}
