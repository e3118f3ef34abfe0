package dev.bulwark.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OneTimeCodePolicyTest {

  @Test
  void defaults() {
    OneTimeCodePolicy p = OneTimeCodePolicy.defaults();
    assertThat(p.length()).isEqualTo(6);
    assertThat(p.codeLifetime()).isEqualTo(Duration.ofMinutes(10));
    assertThat(p.maxAttempts()).isEqualTo(3);
    assertThat(p.maxSends()).isEqualTo(5);
    assertThat(p.cooldownAfterSendMillis(1)).isEqualTo(60_000);
    assertThat(p.cooldownAfterSendMillis(2)).isEqualTo(120_000);
    assertThat(p.cooldownAfterSendMillis(3)).isEqualTo(240_000);
    assertThat(p.cooldownAfterSendMillis(20)).isEqualTo(240_000);
    assertThat(p).isEqualTo(OneTimeCodePolicy.builder().build()).hasSameHashCodeAs(OneTimeCodePolicy.builder().build());
  }

  @Test
  void weakOrAbsurdSettingsAreRejectedWithTheirName() {
    assertThatThrownBy(() -> OneTimeCodePolicy.builder().length(4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("length must be between 6 and 10, got 4");
    assertThatThrownBy(() -> OneTimeCodePolicy.builder().length(11)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OneTimeCodePolicy.builder().maxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OneTimeCodePolicy.builder().maxAttempts(11)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OneTimeCodePolicy.builder().codeLifetime(Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("codeLifetime");
    assertThatThrownBy(() -> OneTimeCodePolicy.builder().codeLifetime(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OneTimeCodePolicy.builder().maxSends(21)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                OneTimeCodePolicy.builder()
                    .initialResendCooldown(Duration.ofMinutes(5))
                    .maxResendCooldown(Duration.ofMinutes(1))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxResendCooldown");
    assertThatThrownBy(
            () ->
                OneTimeCodePolicy.builder()
                    .codeLifetime(Duration.ofMinutes(20))
                    .sessionLifetime(Duration.ofMinutes(10))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sessionLifetime");
    assertThatThrownBy(() -> OneTimeCodePolicy.builder().codeLifetime(null))
        .isInstanceOf(NullPointerException.class);
  }
}
