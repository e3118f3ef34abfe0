package dev.bulwark.messageid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SessionRegistryTest {
  private final SessionRegistry registry = SessionRegistry.builder().build();

  @Test
  void everyStartIssuesAnEpochNeverIssuedBefore() {
    long a1 = registry.startEpoch("a", 1);
    long b1 = registry.startEpoch("b", 1);
    long a2 = registry.startEpoch("a", 1);
    assertThat(a1).isEqualTo(1);
    assertThat(b1).isEqualTo(2);
    assertThat(a2).isEqualTo(3);
    assertThat(registry.currentEpoch("a", 1)).isEqualTo(a2);
    assertThat(registry.removeDevice("a", 1)).isTrue();
    assertThat(registry.removeDevice("a", 1)).isFalse();
    assertThat(registry.currentEpoch("a", 1)).isZero();
    assertThat(registry.currentScope("a", 1)).isNull();
    assertThat(registry.startEpoch("a", 1)).isEqualTo(4);
    assertThat(registry.currentScope("a", 1)).isEqualTo(new ReplayScope("a", 1, 4));
  }

  @Test
  void theFirstEpochIsConfigurable() {
    SessionRegistry restarted = SessionRegistry.builder().firstEpoch(1_000).build();
    assertThat(restarted.startEpoch("a", 0)).isEqualTo(1_000);
    assertThatThrownBy(() -> SessionRegistry.builder().firstEpoch(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("firstEpoch must be between 1 and");
  }

  @Test
  void accountAndDeviceAreValidated() {
    assertThatThrownBy(() -> registry.startEpoch("", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.currentEpoch("a", -2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.startEpoch("a".repeat(257), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(registry.toString()).isEqualTo("SessionRegistry[devices=0]");
  }
}
