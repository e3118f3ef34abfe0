package dev.bulwark.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitKeyTest {

  @Test
  void ipv4IsTheSingleAddress() {
    assertThat(RateLimitKey.ip("203.0.113.7").canonical()).isEqualTo("ip4:203.0.113.7");
    assertThat(RateLimitKey.ip("0.0.0.0").canonical()).isEqualTo("ip4:0.0.0.0");
    assertThat(RateLimitKey.ip("255.255.255.255").kind()).isEqualTo("ip4");
  }

  @Test
  void ipv6IsAggregatedToItsSlash64SoRotatingInsideItGainsNothing() {
    RateLimitKey a = RateLimitKey.ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
    RateLimitKey b = RateLimitKey.ip("2001:0DB8:0001:0002::1");
    assertThat(a).isEqualTo(b);
    assertThat(a.canonical()).isEqualTo("ip6:20010db800010002/64");
    assertThat(RateLimitKey.ip("2001:db8:1:3::1")).isNotEqualTo(a);
  }

  @Test
  void theIpv6PrefixIsConfigurableFrom32To128() {
    assertThat(RateLimitKey.ip("2001:db8:1:2:3:4:5:6", 48).canonical())
        .isEqualTo("ip6:20010db80001/48");
    assertThat(RateLimitKey.ip("2001:db8:1:2:3:4:5:6", 128).canonical())
        .isEqualTo("ip6:20010db8000100020003000400050006/128");
    assertThat(RateLimitKey.ip("2001:db8:ffff::", 33).canonical()).isEqualTo("ip6:20010db880/33");
    assertThatThrownBy(() -> RateLimitKey.ip("2001:db8::1", 31))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ipv6PrefixLength must be between 32 and 128, got 31");
    assertThatThrownBy(() -> RateLimitKey.ip("2001:db8::1", 129))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ipv4MappedIpv6IsTheIpv4Address() throws Exception {
    assertThat(RateLimitKey.ip("::ffff:203.0.113.7")).isEqualTo(RateLimitKey.ip("203.0.113.7"));
    assertThat(RateLimitKey.ip("::FFFF:cb00:7107")).isEqualTo(RateLimitKey.ip("203.0.113.7"));
    assertThat(RateLimitKey.ip(InetAddress.getByAddress(new byte[] {(byte) 203, 0, 113, 7})))
        .isEqualTo(RateLimitKey.ip("203.0.113.7"));
    assertThat(RateLimitKey.ip(InetAddress.getByName("2001:db8:1:2::99")))
        .isEqualTo(RateLimitKey.ip("2001:db8:1:2::1"));
  }

  @Test
  void compressedAndFullIpv6FormsAgree() {
    assertThat(RateLimitKey.ip("::", 128).canonical()).isEqualTo("ip6:" + "0".repeat(32) + "/128");
    assertThat(RateLimitKey.ip("::1", 128)).isEqualTo(RateLimitKey.ip("0:0:0:0:0:0:0:1", 128));
    assertThat(RateLimitKey.ip("1::", 128)).isEqualTo(RateLimitKey.ip("1:0:0:0:0:0:0:0", 128));
    assertThat(RateLimitKey.ip("1:2:3:4:5:6:1.2.3.4", 128))
        .isEqualTo(RateLimitKey.ip("1:2:3:4:5:6:102:304", 128));
    assertThat(RateLimitKey.ip("1::7:8", 128)).isEqualTo(RateLimitKey.ip("1:0:0:0:0:0:7:8", 128));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " 1.2.3.4",
        "1.2.3.4 ",
        "1.2.3",
        "1.2.3.4.5",
        "1.2.3.256",
        "01.2.3.4",
        "1.2.3.04",
        "1..2.3",
        "1.2.3.",
        "localhost",
        "example.com",
        "1.2.3.4:80",
        "[::1]",
        "fe80::1%eth0",
        "::1::",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7",
        "12345::",
        ":1::",
        "1::2:",
        "1:2:3:4:5:6:7::8",
        "::ffff:1.2.3",
        "1.2.3.4::",
        "g::1",
        "١.٢.٣.٤",
        "1.2.3.4\u0000",
        "::1.2.3.4.5"
      })
  void malformedAddressesAreRejectedWithoutEchoingThem(String literal) {
    assertThatThrownBy(() -> RateLimitKey.ip(literal))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("IP address literal ")
        .satisfies(
            e -> {
              if (literal.length() > 2) {
                assertThat(e.getMessage()).doesNotContain(literal.trim());
              }
            });
  }

  @Test
  void overlongAddressesAreRejectedBeforeParsing() {
    assertThatThrownBy(() -> RateLimitKey.ip("1".repeat(10_000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("IP address literal is longer than 45 characters");
  }

  @Test
  void phoneNumbersAreNormalizedToE164() {
    assertThat(RateLimitKey.phone("+1 (555) 010-0000").canonical()).isEqualTo("tel:+15550100000");
    assertThat(RateLimitKey.phone("+4915112345678"))
        .isEqualTo(RateLimitKey.phone("+49 151 1234 5678"));
    assertThat(RateLimitKey.phone("+12345678").canonical()).isEqualTo("tel:+12345678");
    assertThat(RateLimitKey.phone("+123456789012345").canonical())
        .isEqualTo("tel:+123456789012345");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "4915112345678",
        "+",
        "+1234567",
        "+1234567890123456",
        "+0915112345678",
        "++4915112345678",
        "+49151123456x8",
        "+49 151.1234.5678",
        "+49151123456７8",
        "+49\u00a0151123456",
        "+4915112345678+",
        "+1-------------------------------5550100000"
      })
  void invalidPhoneNumbersAreRejectedWithoutEchoingThem(String number) {
    assertThatThrownBy(() -> RateLimitKey.phone(number))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("phone number ")
        .satisfies(
            e -> {
              String digits = number.replaceAll("[^0-9]", "");
              if (digits.length() >= 4) {
                assertThat(e.getMessage()).doesNotContain(digits);
              }
            });
  }

  @Test
  void accountsPairsAndNamespacedKeysNeverCollide() {
    UUID id = UUID.fromString("6f1f0c4e-9b4a-4d7e-8c57-0a9f1d2e3b4c");
    RateLimitKey account = RateLimitKey.account(id);
    assertThat(account.canonical()).isEqualTo("acct:" + id);
    RateLimitKey phone = RateLimitKey.phone("+15550100000");
    assertThat(RateLimitKey.pair(account, phone)).isNotEqualTo(RateLimitKey.pair(phone, account));
    // Without the length prefix these two pairs would both read "ns:a:b>ns:c:d>ns:e:f".
    RateLimitKey ab = RateLimitKey.of("a", "b");
    RateLimitKey cdEf = RateLimitKey.of("c", "d>ns:e:f");
    RateLimitKey abCd = RateLimitKey.of("a", "b>ns:c:d");
    RateLimitKey ef = RateLimitKey.of("e", "f");
    assertThat(RateLimitKey.pair(ab, cdEf)).isNotEqualTo(RateLimitKey.pair(abCd, ef));
    assertThat(RateLimitKey.of("username", "alice").canonical()).isEqualTo("ns:username:alice");
  }

  @Test
  void freeFormKeysAreBounded() {
    assertThatThrownBy(() -> RateLimitKey.of("username", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("value length must be between 1 and 256, got 0");
    assertThatThrownBy(() -> RateLimitKey.of("username", "x".repeat(257)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateLimitKey.of("User", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateLimitKey.of("username", "a\nb"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("value must not contain control characters");
    assertThatThrownBy(() -> RateLimitKey.of("username", "a\uD800"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("value must not contain unpaired surrogates");
    assertThatThrownBy(() -> RateLimitKey.of("username", "\uDC00a"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(RateLimitKey.of("username", "ålice😀").canonical()).isEqualTo("ns:username:ålice😀");
    RateLimitKey big = RateLimitKey.of("n", "x".repeat(256));
    RateLimitKey bigger = RateLimitKey.pair(RateLimitKey.pair(big, big), big);
    assertThatThrownBy(() -> RateLimitKey.pair(bigger, bigger))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pair key must be at most 1024 characters long");
  }

  @Test
  void nullsAreRejectedByName() {
    assertThatThrownBy(() -> RateLimitKey.ip((String) null)).hasMessage("literal must not be null");
    assertThatThrownBy(() -> RateLimitKey.phone(null)).hasMessage("phone number must not be null");
    assertThatThrownBy(() -> RateLimitKey.account(null)).hasMessage("accountId must not be null");
  }

  @Test
  void toStringShowsTheKindButNeverTheIdentifier() {
    assertThat(RateLimitKey.phone("+15550100000")).hasToString("RateLimitKey[tel]");
    assertThat(RateLimitKey.ip("203.0.113.7").toString()).doesNotContain("203");
    assertThat(RateLimitKey.of("username", "alice").toString()).doesNotContain("alice");
  }
}
