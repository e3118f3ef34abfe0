package dev.bulwark.redis.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.verification.CodeVerification;
import dev.bulwark.verification.CodeVerificationStatus;
import dev.bulwark.verification.ResendStatus;
import dev.bulwark.verification.spi.ResendOutcome;
import dev.bulwark.verification.spi.VerificationStoreException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The code store's reading of its script's status arrays, without a server: an attempt's {@code
 * {status, attempts left, next attempt, next resend}} and a resend's {@code {status, code expiry,
 * next send}} become the SPI's results ({@code -1} meaning never); a reply of any other shape
 * (null, another length, a string, a status index out of range, attempts out of 0 to 255, a time
 * below -1) is refused with {@link VerificationStoreException}, so nothing is verified or sent, and
 * never surfaces as a {@link ClassCastException} or {@link ArrayIndexOutOfBoundsException}.
 */
class RedisCodeStoreReplyTest {
  private static final long T = 1_700_000_000_000L;

  @Test
  void anAttemptReplyBecomesAVerification() {
    CodeVerification invalid = RedisCodeStore.verification(List.of(1L, 2L, T, T + 60_000));
    assertThat(invalid.status()).isEqualTo(CodeVerificationStatus.INVALID);
    assertThat(invalid.attemptsRemaining()).isEqualTo(2);
    CodeVerification verified = RedisCodeStore.verification(List.of(0L, 0L, -1L, -1L));
    assertThat(verified.status()).isEqualTo(CodeVerificationStatus.VERIFIED);
    assertThat(RedisCodeStore.verification(List.of(4L, 0L, -1L, -1L)))
        .isSameAs(CodeVerification.notFound());
  }

  @Test
  void aResendReplyBecomesAnOutcome() {
    assertThat(RedisCodeStore.resendOutcome(List.of(0L, T + 300_000, T + 30_000)))
        .isEqualTo(new ResendOutcome(ResendStatus.SENT, T + 300_000, T + 30_000));
    assertThat(RedisCodeStore.resendOutcome(List.of(2L, -1L, -1L)))
        .isEqualTo(
            new ResendOutcome(ResendStatus.SEND_LIMIT_REACHED, Long.MIN_VALUE, Long.MIN_VALUE));
    assertThat(RedisCodeStore.resendOutcome(List.of(4L, -1L, -1L)))
        .isEqualTo(ResendOutcome.notFound());
    assertThat(RedisCodeStore.resendOutcome(List.of(1L, -1L, -2L)))
        .as("a cooldown that never ends")
        .isEqualTo(new ResendOutcome(ResendStatus.COOLDOWN, Long.MIN_VALUE, Long.MAX_VALUE));
  }

  static Stream<List<?>> badAttemptReplies() {
    return Stream.of(
        List.of(),
        List.of(1L, 2L, T),
        List.of(1L, 2L, T, T, T),
        List.of(5L, 2L, T, T),
        List.of(-1L, 2L, T, T),
        List.of("1", 2L, T, T),
        List.of(1L, 256L, T, T),
        List.of(1L, -1L, T, T),
        List.of(1L, 2L, -2L, T),
        List.of(1L, 2L, T, "never"),
        Arrays.asList(1L, 2L, T, null),
        List.of(List.of(1L), 2L, T, T));
  }

  @ParameterizedTest
  @MethodSource("badAttemptReplies")
  void anAttemptReplyOfAnotherShapeIsAStoreFailure(List<?> reply) {
    assertThatThrownBy(() -> RedisCodeStore.verification(reply))
        .isExactlyInstanceOf(VerificationStoreException.class)
        .hasMessage("Redis code store: unexpected reply from the script");
  }

  static Stream<List<?>> badResendReplies() {
    return Stream.of(
        List.of(),
        List.of(0L, T),
        List.of(0L, T, T, T),
        List.of(5L, T, T),
        List.of(Long.MIN_VALUE, T, T),
        List.of("0".getBytes(), T, T),
        List.of(0L, -7L, T),
        List.of(0L, T, 1.5),
        List.of(0L, T, -2L),
        List.of(1L, -2L, T),
        Arrays.asList(0L, null, T));
  }

  @ParameterizedTest
  @MethodSource("badResendReplies")
  void aResendReplyOfAnotherShapeIsAStoreFailure(List<?> reply) {
    assertThatThrownBy(() -> RedisCodeStore.resendOutcome(reply))
        .isExactlyInstanceOf(VerificationStoreException.class)
        .hasMessage("Redis code store: unexpected reply from the script");
  }

  @Test
  void noReplyIsAStoreFailure() {
    assertThatThrownBy(() -> RedisCodeStore.verification(null))
        .isExactlyInstanceOf(VerificationStoreException.class);
    assertThatThrownBy(() -> RedisCodeStore.resendOutcome(null))
        .isExactlyInstanceOf(VerificationStoreException.class);
  }
}
