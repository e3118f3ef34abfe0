package dev.bulwark.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.testkit.redis.RedisClusterExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisBackendTest {
  @RegisterExtension static final RedisClusterExtension CLUSTER = RedisClusterExtension.shared();

  @Test
  void aNewClusterBackendAnswersOnEveryNodeAtOnce() throws Exception {
    try (RedisBackend redis = RedisBackend.cluster(CLUSTER.cluster().uris().subList(0, 1))) {
      assertThat(redis.isCluster()).isTrue();
      // Keys spread over every slot range: none may be refused while a node connection opens.
      for (int i = 0; i < 64; i++) {
        String reply =
            redis
                .commands()
                .set("bulwark:test:" + i, "v".getBytes(StandardCharsets.UTF_8))
                .get(5, TimeUnit.SECONDS);
        assertThat(reply).isEqualTo("OK");
      }
    }
  }

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
