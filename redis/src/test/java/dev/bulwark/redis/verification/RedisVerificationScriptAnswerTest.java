package dev.bulwark.redis.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.verification.spi.RecoveryCodeStore;
import dev.bulwark.verification.spi.VerificationStoreException;
import org.junit.jupiter.api.Test;

/**
 * The one-integer answers of the recovery-code and OTP replay scripts, read without a server: a
 * consume's -1 (no match) or codes left (0 to 254), an advance's 1 or 0. Any other answer (none,
 * out of range) is refused with {@link VerificationStoreException}, so nothing is redeemed or
 * accepted, never an unboxing {@link NullPointerException}.
 */
class RedisVerificationScriptAnswerTest {

  @Test
  void aConsumeAnswerIsNoMatchOrTheCodesLeft() {
    assertThat(RedisRecoveryCodeStore.consumed(-1L)).isEqualTo(RecoveryCodeStore.NO_MATCH);
    assertThat(RedisRecoveryCodeStore.consumed(0L)).isZero();
    assertThat(RedisRecoveryCodeStore.consumed(254L)).isEqualTo(254);
    for (Long bad : new Long[] {null, -2L, 255L, Long.MAX_VALUE}) {
      assertThatThrownBy(() -> RedisRecoveryCodeStore.consumed(bad))
          .isExactlyInstanceOf(VerificationStoreException.class)
          .hasMessage("Redis recovery code store: unexpected reply from the script");
    }
  }

  @Test
  void anAdvanceAnswerIsOneOrZero() {
    assertThat(RedisOtpReplayStore.advanced(1L)).isTrue();
    assertThat(RedisOtpReplayStore.advanced(0L)).isFalse();
    for (Long bad : new Long[] {null, -1L, 2L}) {
      assertThatThrownBy(() -> RedisOtpReplayStore.advanced(bad))
          .isExactlyInstanceOf(VerificationStoreException.class)
          .hasMessage("Redis OTP replay store: unexpected reply from the script");
    }
  }
}
