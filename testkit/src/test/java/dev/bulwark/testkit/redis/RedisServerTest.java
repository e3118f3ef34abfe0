package dev.bulwark.testkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisServerTest {
  @RegisterExtension
  static final RedisServerExtension REDIS =
      RedisServerExtension.dedicated(RedisServer.Options.persistent());

  @Test
  void answersOnLoopbackAndCountsCommands() {
    RedisServer server = REDIS.server();
    assertThat(server.uri()).isEqualTo("redis://127.0.0.1:" + server.port());
    server.resetStats();
    assertThat(server.command("SET", "k", "v")).isEqualTo("OK");
    assertThat(server.command("GET", "k")).isEqualTo("v");
    assertThat(server.command("INCR", "n")).isEqualTo(1L);
    assertThat(server.command("MGET", "k", "missing"))
        .isEqualTo(java.util.Arrays.asList("v", null));
    assertThat(server.commandCalls("get")).isEqualTo(1);
    assertThatThrownBy(() -> server.command("NOSUCHCOMMAND"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("ERR");
  }

  @Test
  void startsEachTestEmpty() {
    assertThat(REDIS.server().command("DBSIZE")).isEqualTo(0L);
  }

  @Test
  void keepsAcknowledgedWritesAcrossSigkillWhenPersistent() {
    RedisServer server = REDIS.server();
    long before = server.pid();
    server.command("SET", "survivor", "yes");
    server.kill();
    assertThat(server.isAlive()).isFalse();
    assertThatThrownBy(() -> server.command("PING")).isInstanceOf(UncheckedIOException.class);
    server.restart();
    assertThat(server.pid()).isNotEqualTo(before);
    assertThat(server.command("GET", "survivor")).isEqualTo("yes");
  }

  @Test
  void pausedServerAnswersNothingUntilResumed() throws Exception {
    RedisServer server = REDIS.server();
    server.pause();
    try (RespConnection connection = new RespConnection(server.port(), 300)) {
      assertThatThrownBy(() -> connection.command("PING"))
          .isInstanceOf(java.net.SocketTimeoutException.class);
    } finally {
      server.resume();
    }
    assertThat(server.command("PING")).isEqualTo("PONG");
  }

  @Test
  void clusterOfThreeMastersCoversEverySlot() {
    try (RedisCluster cluster = RedisCluster.start()) {
      assertThat(cluster.nodes()).hasSize(3);
      String info = String.valueOf(cluster.nodes().get(0).command("CLUSTER", "INFO"));
      assertThat(info).contains("cluster_state:ok").contains("cluster_known_nodes:3");
      List<String> uris = cluster.uris();
      assertThat(uris).allMatch(uri -> uri.startsWith("redis://127.0.0.1:"));
    }
  }
}
