package dev.bulwark.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.redis.RedisClusterExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A fresh cluster backend answers its very first commands, on every node: Lettuce would otherwise
 * reject commands for a node whose connection is still opening.
 */
class RedisBackendClusterStartTest {
  @RegisterExtension static final RedisClusterExtension CLUSTER = RedisClusterExtension.shared();

  @Test
  void theFirstCommandsOnEveryNodeAreAnswered() throws Exception {
    try (RedisBackend backend = RedisBackend.cluster(CLUSTER.cluster().uris())) {
      List<CompletionStage<byte[]>> replies = new ArrayList<>();
      for (int i = 0; i < 60; i++) { // keys in slots all over the cluster
        replies.add(backend.commands().get("bulwark:start:" + UUID.randomUUID()));
      }
      for (CompletionStage<byte[]> reply : replies) {
        assertThat(reply.toCompletableFuture().get()).isNull();
      }
    }
  }
}
