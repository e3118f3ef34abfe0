package dev.bulwark.examples.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.examples.Demo;
import dev.bulwark.examples.server.DemoClock;
import dev.bulwark.examples.server.DemoServer;
import dev.bulwark.examples.server.Settings;
import dev.bulwark.examples.server.Stores;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo's simulation, end to end over loopback HTTP: every mitigation holds against every
 * attack, and a server with a limit taken away is reported as failed.
 */
class AttackSimulationTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @Test
  void everyMitigationHoldsAgainstEveryAttack() {
    DemoClock clock = DemoClock.simulated();
    try (DemoServer server = DemoServer.start(Stores.inMemory(clock), clock, Settings.defaults())) {
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
    }
  }

  @Test
  void aServerWithoutItsPerAddressLimitIsReportedAsFailed() {
    DemoClock clock = DemoClock.simulated();
    Settings unprotected =
        Settings.defaults()
            .withRateLimits(Map.of("bulwark.ratelimit.ip.limits", "1000000 per PT1S"));
    try (DemoServer server = DemoServer.start(Stores.inMemory(clock), clock, unprotected)) {
      Result flood = new RequestFlood().run(new Simulation(server, clock));

      assertThat(flood.held()).as(flood.figure()).isFalse();
      assertThat(flood.figure()).contains("one address: 300");
      assertThat(Demo.exitStatus(List.of(flood))).isEqualTo(1);
    }
  }

  @Test
  void anEmptyTableIsNotASuccess() {
    assertThat(Demo.exitStatus(List.of())).isEqualTo(1);
  }
}
