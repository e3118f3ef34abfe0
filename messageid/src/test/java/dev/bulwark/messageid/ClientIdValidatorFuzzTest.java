package dev.bulwark.messageid;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Locale;

/**
 * Fuzzes the client-ID parser. In the normal build it replays the seed corpus under {@code
 * src/test/resources/dev/bulwark/messageid/ClientIdValidatorFuzzTestInputs/}; with {@code
 * JAZZER_FUZZ=1} it fuzzes with coverage guidance.
 */
class ClientIdValidatorFuzzTest {
  private static final ClientIdValidator STRICT = ClientIdValidator.standard();
  private static final ClientIdValidator LENIENT =
      ClientIdValidator.builder()
          .acceptUppercase(true)
          .acceptedVersions(1, 2, 3, 4, 5, 6, 7, 8)
          .build();

  /**
   * Whatever the input, validation answers with a result and never throws; an accepted ID prints
   * back as exactly the input (lowercased for the lenient validator), so an accepted ID has one
   * spelling.
   */
  @FuzzTest(maxDuration = "10s")
  void validationIsTotalAndAcceptedIdsRoundTrip(FuzzedDataProvider data) {
    String input = data.consumeRemainingAsString();
    ClientIdResult strict = STRICT.validate(input);
    ClientIdResult lenient = LENIENT.validate(input);
    assertThat(strict.isAccepted() || strict.rejection() != null).isTrue();
    assertThat(lenient.isAccepted() || lenient.rejection() != null).isTrue();
    if (strict.isAccepted()) {
      assertThat(strict.id().toString()).isEqualTo(input);
      assertThat(lenient.isAccepted()).isTrue();
    }
    if (lenient.isAccepted()) {
      assertThat(lenient.id().toString()).isEqualTo(input.toLowerCase(Locale.ROOT));
      assertThat(lenient.id().leastSignificantBits() >>> 62).isEqualTo(0b10);
    }
  }
}
