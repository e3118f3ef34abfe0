package dev.bulwark.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every test vector of RFC 4226 appendix D and RFC 6238 appendix B. */
class RfcVectorsTest {
  static OtpSecret ascii(String s) {
    return OtpSecret.copyOf(s.getBytes(StandardCharsets.US_ASCII));
  }

  static final String SEED_SHA1 = "12345678901234567890";
  static final String SEED_SHA256 = "12345678901234567890123456789012";
  static final String SEED_SHA512 = "1234567890123456789012345678901234567890123456789012345678901234";

  /** RFC 4226 appendix D: HMAC-SHA1, 6 digits, counters 0 to 9. */
  @ParameterizedTest(name = "HOTP counter {0} = {1}")
  @CsvSource({
    "0, 755224", "1, 287082", "2, 359152", "3, 969429", "4, 338314",
    "5, 254676", "6, 287922", "7, 162583", "8, 399871", "9, 520489"
  })
  void rfc4226AppendixD(long counter, String expected) {
    Hotp hotp = Hotp.of(ascii(SEED_SHA1));
    assertThat(hotp.generate(counter)).isEqualTo(expected);
  }

  /** RFC 6238 appendix B: 8 digits, 30-second steps, the three algorithms with their own seeds. */
  @ParameterizedTest(name = "TOTP {1} at {0} = {2}")
  @CsvSource({
    "59,          SHA1,   94287082",
    "59,          SHA256, 46119246",
    "59,          SHA512, 90693936",
    "1111111109,  SHA1,   07081804",
    "1111111109,  SHA256, 68084774",
    "1111111109,  SHA512, 25091201",
    "1111111111,  SHA1,   14050471",
    "1111111111,  SHA256, 67062674",
    "1111111111,  SHA512, 99943326",
    "1234567890,  SHA1,   89005924",
    "1234567890,  SHA256, 91819424",
    "1234567890,  SHA512, 93441116",
    "2000000000,  SHA1,   69279037",
    "2000000000,  SHA256, 90698825",
    "2000000000,  SHA512, 38618901",
    "20000000000, SHA1,   65353130",
    "20000000000, SHA256, 77737706",
    "20000000000, SHA512, 47863826"
  })
  void rfc6238AppendixB(long unixSeconds, OtpAlgorithm algorithm, String expected) {
    String seed =
        switch (algorithm) {
          case SHA1 -> SEED_SHA1;
          case SHA256 -> SEED_SHA256;
          case SHA512 -> SEED_SHA512;
        };
    TotpParameters params = TotpParameters.builder().algorithm(algorithm).digits(8).build();
    Totp totp = Totp.of(ascii(seed), params);
    assertThat(totp.generate(Instant.ofEpochSecond(unixSeconds))).isEqualTo(expected);

    // and the verifier accepts exactly that code at that time, once
    ManualClock clock = new ManualClock(unixSeconds * 1000);
    TotpVerifier verifier = TotpVerifier.builder().clock(clock).listener(OtpEventListener.none()).build();
    OtpVerification v = verifier.verify("rfc", totp, expected);
    assertThat(v.status()).isEqualTo(OtpVerificationStatus.VERIFIED);
    assertThat(v.matchedStep()).hasValue(unixSeconds / 30);
    assertThat(v.drift()).isZero();
    assertThat(verifier.verify("rfc", totp, expected).status()).isEqualTo(OtpVerificationStatus.REPLAYED);
  }
}
