package dev.bulwark.examples;

import dev.bulwark.examples.attack.Report;
import dev.bulwark.examples.attack.Result;
import dev.bulwark.examples.attack.Simulation;
import dev.bulwark.examples.server.DemoClock;
import dev.bulwark.examples.server.DemoServer;
import dev.bulwark.examples.server.Settings;
import dev.bulwark.examples.server.Stores;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * The demo: starts the protected server on a loopback port with a simulated clock, runs the attack
 * simulation against it over HTTP, prints the table, and exits 1 if any mitigation failed.
 *
 * <p>Options: {@code --report FILE} also writes the table as Markdown; {@code --serve} then keeps a
 * fresh server (clock following real time) up until interrupted, and prints {@code curl} lines to
 * try by hand.
 */
public final class Demo {
  private Demo() {}

  /** Runs the demo; see the class documentation for the options. */
  public static void main(String[] args) throws IOException, InterruptedException {
    boolean serve = false;
    Path report = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--serve" -> serve = true;
        case "--report" -> {
          if (i + 1 == args.length) {
            usage();
            return;
          }
          report = Path.of(args[++i]);
        }
        default -> {
          usage();
          return;
        }
      }
    }
    PrintStream out = System.out;
    long started = System.nanoTime();
    DemoClock clock = DemoClock.simulated();
    List<Result> results;
    try (DemoServer server = DemoServer.start(Stores.inMemory(clock), clock, Settings.defaults())) {
      out.printf(
          Locale.ROOT,
          "Bulwark demo: a Signal-like server on 127.0.0.1:%d, every endpoint behind"
              + " Bulwark,%nattacked over HTTP, one scenario per threat (simulated clock, in-memory"
              + " stores).%n%n",
          server.port());
      results = new Simulation(server, clock).run(System.err);
    }
    long held = results.stream().filter(Result::held).count();
    out.print(Report.text(results));
    out.printf(
        Locale.ROOT,
        "%n%d of %d held. %s simulated in %.1f s.%n",
        held,
        results.size(),
        human(Duration.ofNanos(clock.nanos())),
        (System.nanoTime() - started) / 1e9);
    if (report != null) {
      Files.writeString(report, Report.markdown(results), StandardCharsets.UTF_8);
      out.println("Report written to " + report);
    }
    if (serve) {
      serve(out);
    }
    int status = exitStatus(results);
    if (status != 0) {
      out.println("Some mitigation FAILED.");
      System.exit(status);
    }
  }

  /** The process's exit status for a table: 0 if every mitigation held, 1 otherwise. */
  public static int exitStatus(List<Result> results) {
    return !results.isEmpty() && results.stream().allMatch(Result::held) ? 0 : 1;
  }

  private static void serve(PrintStream out) throws InterruptedException {
    DemoClock clock = DemoClock.followingRealTime();
    DemoServer server = DemoServer.start(Stores.inMemory(clock), clock, Settings.defaults());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    String base = "http://127.0.0.1:" + server.port();
    String number = "'{\"number\":\"+14155550123\"}'";
    String unlock = "'{\"number\":\"+14155550123\",\"pin\":\"123456\"}'";
    out.printf(
        Locale.ROOT, "%nServing a fresh server on %s (real-time clock) until Ctrl-C.%n", base);
    out.println("A verification session (the code goes to the stand-in SMS gateway, not to you):");
    out.printf(Locale.ROOT, "  curl -si -X POST %s/v1/verification/sessions -d %s%n", base, number);
    out.println("The same, 8 times: the per-number limit (6 in a burst) answers 429:");
    out.printf(
        Locale.ROOT,
        "  for i in $(seq 8); do curl -s -o /dev/null -w '%%{http_code} ' -X POST"
            + " %s/v1/verification/sessions -d %s; done; echo%n",
        base,
        number);
    out.println("A registration-lock PIN for a number nobody registered: the same opaque 401:");
    out.printf(Locale.ROOT, "  curl -si -X POST %s/v1/registration/lock -d %s%n", base, unlock);
    out.println("Someone's message queue without a token:");
    out.printf(
        Locale.ROOT, "  curl -si %s/v1/messages/00000000-0000-0000-0000-000000000000%n", base);
    stopped.await();
  }

  private static String human(Duration d) {
    return String.format(Locale.ROOT, "%d h %02d min", d.toHours(), d.toMinutesPart());
  }

  private static void usage() {
    System.err.println("usage: java -jar bulwark-demo.jar [--report FILE] [--serve]");
    System.exit(2);
  }
}
