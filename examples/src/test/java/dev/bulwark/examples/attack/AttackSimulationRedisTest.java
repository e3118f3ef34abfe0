package dev.bulwark.examples.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.examples.Demo;
import dev.bulwark.examples.server.DemoClock;
import dev.bulwark.examples.server.DemoRedis;
import dev.bulwark.examples.server.DemoServer;
import dev.bulwark.examples.server.Settings;
import dev.bulwark.testkit.redis.RedisServerExtension;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo's whole simulation with the stores in a real {@code redis-server} (the demo's {@code
 * --redis}): every mitigation still holds, with the simulated clock driving the Redis stores'
 * decisions, and the state really is in Redis, under the run's own prefix, deleted at the end.
 */
class AttackSimulationRedisTest {
  @RegisterExtension static final RedisServerExtension REDIS = RedisServerExtension.shared();

  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @Test
  void everyMitigationHoldsWithTheStoresInRedis() {
    DemoClock clock = DemoClock.simulated();
    DemoRedis redis = DemoRedis.connect(URI.create(REDIS.server().uri()));
    String prefix = redis.keyPrefix();
    try (redis;
        DemoServer server = DemoServer.start(redis.stores(clock), clock, Settings.defaults())) {
      List<Result> results = new Simulation(server, clock).run(QUIET);

      assertThat(results).hasSameSizeAs(Simulation.threats());
      assertThat(results)
          .allSatisfy(
              r -> {
                assertThat(r.held()).as("%s: %s", r.threat(), r.figure()).isTrue();
                assertThat(r.blocked() + r.allowed())
                    .as(r.threat())
                    .isLessThanOrEqualTo(r.attempts());
              });
      assertThat(Demo.exitStatus(results)).isZero();

      Set<String> namespaces =
          redis.keys().stream()
              .map(k -> k.substring(0, k.indexOf(':')))
              .collect(Collectors.toSet());
      assertThat(namespaces)
          .contains("rl", "lockout", "challenge", "code", "totp", "otp", "replay", "blob", "dk");
    }
    assertThat(REDIS.server().command("KEYS", prefix + "*"))
        .asInstanceOf(InstanceOfAssertFactories.LIST)
        .isEmpty();
  }
}
