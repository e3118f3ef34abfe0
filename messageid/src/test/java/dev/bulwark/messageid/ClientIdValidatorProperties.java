package dev.bulwark.messageid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Invariants of client-ID validation, stated as a reviewer would read them. */
class ClientIdValidatorProperties {
  private final ClientIdValidator validator = ClientIdValidator.standard();

  /**
   * Every version-4 or version-7 UUID with the RFC variant is accepted in its lowercase text form
   * and parses to exactly its bits; its uppercase form is refused by the default validator.
   */
  @Test
  void everyValidIdIsAcceptedInCanonicalFormWithItsExactBits() {
    qt().forAll(longs().all(), longs().all(), integers().between(0, 1))
        .checkAssert(
            (hi, lo, pick) -> {
              int version = pick == 0 ? 4 : 7;
              long msb = (hi & ~0xF000L) | ((long) version << 12);
              long lsb = (lo & ~(3L << 62)) | (2L << 62);
              String text = new UUID(msb, lsb).toString();
              ClientIdResult result = validator.validate(text);
              assertThat(result.isAccepted()).isTrue();
              assertThat(result.id().mostSignificantBits()).isEqualTo(msb);
              assertThat(result.id().leastSignificantBits()).isEqualTo(lsb);
              assertThat(result.id().toString()).isEqualTo(text);
              boolean hasLetter = text.chars().anyMatch(c -> c >= 'a' && c <= 'f');
              if (hasLetter) {
                assertThat(validator.validate(text.toUpperCase(Locale.ROOT)).rejection())
                    .isEqualTo(IdRejection.NOT_CANONICAL);
              }
            });
  }

  /** No string of any length other than 36 is ever accepted, and validation never throws. */
  @Test
  void noStringOfAnotherLengthIsEverAccepted() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 80))
        .checkAssert(
            s -> {
              ClientIdResult result = validator.validate(s);
              if (s.length() != 36) {
                assertThat(result.isAccepted()).isFalse();
              }
              if (result.isAccepted()) {
                assertThat(result.id().toString()).isEqualTo(s);
              }
            });
  }
}
