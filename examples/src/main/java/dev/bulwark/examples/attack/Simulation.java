package dev.bulwark.examples.attack;

import dev.bulwark.examples.server.DemoClock;
import dev.bulwark.examples.server.DemoServer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs every threat against a running {@link DemoServer} whose clock is simulated, in order, and
 * collects the table. Attacks pace themselves by {@linkplain DemoClock#advance advancing} the
 * shared clock, so an hour of guessing costs the seconds its requests take.
 */
public final class Simulation {
  private final DemoServer server;
  private final DemoClock clock;
  private final ApiClient api;
  private final AtomicInteger addresses = new AtomicInteger();
  private final AtomicInteger numbers = new AtomicInteger();

  /** A simulation against {@code server}, which must read {@code clock}. */
  public Simulation(DemoServer server, DemoClock clock) {
    this.server = server;
    this.clock = clock;
    this.api = new ApiClient(server.port());
  }

  /** Every threat, in the order they run. */
  static List<Threat> threats() {
    return List.of(
        new PinBruteForce(),
        new RequestFlood(),
        new Enumeration(),
        new CodeBruteForce(),
        new TotpReplay(),
        new SpamBurst(),
        new MessageReplay(),
        new QueueSnooping(),
        new StolenDump(),
        new ForgedPreKey(),
        new RevokedKey(),
        new GroupHijack(),
        new RemovedMember(),
        new RewrittenHistory());
  }

  /** Runs every threat, printing a progress line to {@code progress}, and returns the table. */
  public List<Result> run(PrintStream progress) {
    List<Threat> threats = threats();
    List<Result> results = new ArrayList<>();
    for (int i = 0; i < threats.size(); i++) {
      Threat threat = threats.get(i);
      progress.printf(
          Locale.ROOT, "\r[%2d/%d] %-60s", i + 1, threats.size(), threat.name() + " ...");
      progress.flush();
      results.add(threat.run(this));
    }
    progress.printf(Locale.ROOT, "\r%-72s\r", "");
    progress.flush();
    return results;
  }

  DemoServer server() {
    return server;
  }

  DemoClock clock() {
    return clock;
  }

  ApiClient api() {
    return api;
  }

  /** An address no request has come from yet: the attacker's supply of rotating addresses. */
  String freshAddress() {
    int n = addresses.incrementAndGet();
    return String.format(Locale.ROOT, "10.%d.%d.%d", (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
  }

  /** A phone number no one has used yet. */
  String freshNumber() {
    return String.format(Locale.ROOT, "+1415%07d", numbers.incrementAndGet());
  }

  /** Returns {@code r} if it is a 200; fails the simulation otherwise (a bug, not an attack). */
  ApiClient.Response expectOk(ApiClient.Response r) {
    if (!r.ok()) {
      throw new IllegalStateException(
          "a legitimate request failed: " + r.status() + " " + r.json());
    }
    return r;
  }
}
