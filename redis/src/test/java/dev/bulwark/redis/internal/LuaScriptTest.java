package dev.bulwark.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.redis.RedisBackend;
import dev.bulwark.testkit.redis.RedisServer;
import dev.bulwark.testkit.redis.RedisServerExtension;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The backend and script runner every store is built on, against a real redis-server. */
class LuaScriptTest {
  @RegisterExtension
  static final RedisServerExtension REDIS =
      RedisServerExtension.dedicated(RedisServer.Options.ephemeral());

  private static final LuaScript INCR_BY = LuaScript.load(LuaScriptTest.class, "incr-by.lua");
  private static final String[] COUNTER = {"bulwark:test:counter"};

  private RedisBackend redis;

  @BeforeEach
  void connect() {
    redis =
        RedisBackend.builder()
            .standalone(REDIS.server().uri())
            .commandTimeout(Duration.ofMillis(200))
            .build();
  }

  @AfterEach
  void disconnect() {
    redis.close();
  }

  private long incrementBy(long n) {
    return Calls.<Long>await(
        redis, INCR_BY.run(redis, ScriptOutputType.INTEGER, COUNTER, Calls.arg(n)));
  }

  @Test
  void runsByShaInOneCommandOnceTheServerKnowsTheScript() {
    assertThat(incrementBy(2)).isEqualTo(2); // NOSCRIPT, then EVAL
    REDIS.server().resetStats();
    assertThat(incrementBy(3)).isEqualTo(5);
    assertThat(REDIS.server().commandCalls("evalsha")).isEqualTo(1);
    assertThat(REDIS.server().commandCalls("eval")).isZero();
  }

  @Test
  void reloadsTheScriptAfterTheServerForgetsIt() {
    assertThat(incrementBy(1)).isEqualTo(1);
    REDIS.server().command("SCRIPT", "FLUSH");
    assertThat(incrementBy(1)).isEqualTo(2);
  }

  @Test
  void pausedServerIsReportedAsUnavailableWithinTheTimeout() {
    assertThat(incrementBy(1)).isEqualTo(1);
    REDIS.server().pause();
    try {
      long start = System.nanoTime();
      assertThatThrownBy(() -> incrementBy(1))
          .isInstanceOf(Calls.RedisUnavailable.class)
          .hasMessageNotContaining("counter");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    } finally {
      REDIS.server().resume();
    }
  }

  @Test
  void answersAgainWithinAboutASecondAfterTheServerComesBack() {
    assertThat(incrementBy(1)).isEqualTo(1);
    REDIS.server().kill();
    assertThatThrownBy(() -> incrementBy(1)).isInstanceOf(Calls.RedisUnavailable.class);
    REDIS.server().restart();
    long start = System.nanoTime();
    long value = -1;
    while (value < 0 && System.nanoTime() - start < Duration.ofSeconds(5).toNanos()) {
      try {
        value = incrementBy(1);
      } catch (Calls.RedisUnavailable stillReconnecting) {
        pauseBriefly();
      }
    }
    assertThat(value).isEqualTo(1); // an ephemeral server restarts empty
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
  }

  private static void pauseBriefly() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
