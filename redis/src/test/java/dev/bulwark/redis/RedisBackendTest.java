package dev.bulwark.redis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisBackendTest {
  @Test
  void rejectsBadConfigurationWithoutEchoingSecrets() {
    assertThatThrownBy(() -> RedisBackend.standalone("redis://:hunter2@[not a host"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> RedisBackend.builder().keyPrefix("has {braces}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyPrefix");
    assertThatThrownBy(() -> RedisBackend.builder().commandTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("commandTimeout");
    assertThatThrownBy(() -> RedisBackend.builder().cluster(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisBackend.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("standalone(uri) or cluster(seedUris)");
  }
}
