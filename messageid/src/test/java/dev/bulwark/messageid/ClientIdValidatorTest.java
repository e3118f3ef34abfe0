package dev.bulwark.messageid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientIdValidatorTest {
  private static final String V4 = "3b241101-e2bb-4255-8caf-4136c566a962";
  private static final String V7 = "01890a5d-ac96-774b-bcce-b302099a8057";

  private final ClientIdValidator validator = ClientIdValidator.standard();

  @Test
  void acceptsCanonicalVersion4And7() {
    assertThat(validator.validate(V4).id()).isEqualTo(MessageId.of(UUID.fromString(V4)));
    assertThat(validator.validate(V7).id().toString()).isEqualTo(V7);
    assertThat(validator.validate(V7).rejection()).isNull();
  }

  @ParameterizedTest(name = "{1}: [{0}]")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|EMPTY",
        "3b241101-e2bb-4255-8caf-4136c566a9620|TOO_LONG",
        "{3b241101-e2bb-4255-8caf-4136c566a962}|TOO_LONG",
        "urn:uuid:3b241101-e2bb-4255-8caf-4136c566a962|TOO_LONG",
        "' 3b241101-e2bb-4255-8caf-4136c566a962'|TOO_LONG",
        "3b241101-e2bb-4255-8caf-4136c566a96|MALFORMED",
        "3b241101e2bb42558caf4136c566a962|MALFORMED",
        "3b241101-e2bb-4255-8caf_4136c566a962|MALFORMED",
        "3b2411-01e2bb-4255-8caf-4136c566a962|MALFORMED",
        "3b241101-e2bb-4255-8caf-4136c566a96g|MALFORMED",
        "3b241101-e2bb-4255-8caf-4136c566a96 |MALFORMED",
        "+b241101-e2bb-4255-8caf-4136c566a962|MALFORMED",
        "3B241101-E2BB-4255-8CAF-4136C566A962|NOT_CANONICAL",
        "3B241101-e2bb-4255-8caf-4136c566a962|NOT_CANONICAL",
        "00000000-0000-0000-0000-000000000000|NIL",
        "ffffffff-ffff-ffff-ffff-ffffffffffff|MAX",
        "3b241101-e2bb-4255-0caf-4136c566a962|BAD_VARIANT",
        "3b241101-e2bb-4255-caf0-4136c566a962|BAD_VARIANT",
        "3b241101-e2bb-1255-8caf-4136c566a962|UNSUPPORTED_VERSION",
        "3b241101-e2bb-0255-8caf-4136c566a962|UNSUPPORTED_VERSION",
        "3b241101-e2bb-f255-8caf-4136c566a962|UNSUPPORTED_VERSION",
      })
  void refusesWithTheFirstFailingCheck(String input, IdRejection expected) {
    ClientIdResult result = validator.validate(input);
    assertThat(result.isAccepted()).isFalse();
    assertThat(result.rejection()).isEqualTo(expected);
    assertThat(result.toString()).doesNotContain(input.isEmpty() ? "\u0000" : input.trim());
    assertThatThrownBy(result::id).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesNullAndNonAsciiDigits() {
    assertThat(validator.validate(null).rejection()).isEqualTo(IdRejection.EMPTY);
    // Fullwidth digits and Arabic-Indic digits pass Character.digit; they must not pass here.
    String fullwidth = V4.replace('1', '\uFF11');
    String arabic = V4.replace('2', '\u0662');
    assertThat(validator.validate(fullwidth).rejection()).isEqualTo(IdRejection.MALFORMED);
    assertThat(validator.validate(arabic).rejection()).isEqualTo(IdRejection.MALFORMED);
    assertThat(validator.validate(V4.replace('-', '\u2010')).rejection())
        .isEqualTo(IdRejection.MALFORMED);
  }

  @Test
  void refusesHugeInputWithoutReadingIt() {
    CharSequence huge =
        new CharSequence() {
          @Override
          public int length() {
            return Integer.MAX_VALUE;
          }

          @Override
          public char charAt(int index) {
            throw new AssertionError("must not be read");
          }

          @Override
          public CharSequence subSequence(int start, int end) {
            throw new AssertionError("must not be read");
          }
        };
    assertThat(validator.validate(huge).rejection()).isEqualTo(IdRejection.TOO_LONG);
  }

  @Test
  void upperCaseIsAcceptedOnlyWhenConfiguredAndNeverMixed() {
    ClientIdValidator lenient = ClientIdValidator.builder().acceptUppercase(true).build();
    assertThat(lenient.validate(V4.toUpperCase(java.util.Locale.ROOT)).id().toString())
        .isEqualTo(V4);
    assertThat(lenient.validate("3B241101-e2bb-4255-8caf-4136c566a962").rejection())
        .isEqualTo(IdRejection.NOT_CANONICAL);
    assertThat(lenient.validate(V4).isAccepted()).isTrue();
  }

  @Test
  void acceptedVersionsAreConfigurable() {
    ClientIdValidator only7 = ClientIdValidator.builder().acceptedVersions(7).build();
    assertThat(only7.validate(V4).rejection()).isEqualTo(IdRejection.UNSUPPORTED_VERSION);
    assertThat(only7.validate(V7).isAccepted()).isTrue();
    assertThat(only7.acceptsVersion(4)).isFalse();
    assertThat(only7.toString()).contains("versions=7");
    assertThatThrownBy(() -> ClientIdValidator.builder().acceptedVersions(9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version must be between 1 and 8");
    assertThatThrownBy(() -> ClientIdValidator.builder().acceptedVersions(4, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
