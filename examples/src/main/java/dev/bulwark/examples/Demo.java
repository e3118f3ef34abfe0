package dev.bulwark.examples;

import dev.bulwark.examples.attack.Report;
import dev.bulwark.examples.attack.Result;
import dev.bulwark.examples.attack.Simulation;
import dev.bulwark.examples.server.DemoClock;
import dev.bulwark.examples.server.DemoRedis;
import dev.bulwark.examples.server.DemoServer;
import dev.bulwark.examples.server.Settings;
import dev.bulwark.examples.server.Stores;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * The demo: starts the protected server on a loopback port with a simulated clock, runs the attack
 * simulation against it over HTTP, prints the table, and exits 1 if any mitigation failed.
 *
 * <p>Options: {@code --redis redis://HOST:PORT} keeps every store that {@code bulwark-redis}
 * implements in that Redis (under a key prefix of the run's own, deleted at the end) instead of in
 * memory; {@code --report FILE} also writes the table as Markdown; {@code --serve} then keeps a
 * fresh server (clock following real time) up until interrupted, and prints {@code curl} lines to
 * try by hand. A bad option exits 2 with the usage.
 */
public final class Demo {
  static final String USAGE =
      String.join(
          System.lineSeparator(),
          "usage: java -jar bulwark-demo.jar [--redis redis://HOST:PORT] [--report FILE] [--serve]",
          "  --redis URI    keep the stores in that Redis instead of in memory (rate limits,"
              + " lockouts, challenges,",
          "                 codes, TOTP, message replay windows, the encrypted message queue),"
              + " under a key prefix",
          "                 of this run's own, deleted at the end; public keys and groups stay in"
              + " memory (bulwark-redis",
          "                 has no store for them)",
          "  --report FILE  also write the table as Markdown to FILE",
          "  --serve        then keep a fresh server up on the real clock and print curl lines to"
              + " try");

  private Demo() {}

  /**
   * The parsed command line.
   *
   * @param serve whether to serve a fresh server after the simulation
   * @param report where to write the Markdown table, or null
   * @param redis the Redis to keep the stores in, or null for memory
   */
  record Options(boolean serve, @Nullable Path report, @Nullable URI redis) {}

  /**
   * Parses the command line.
   *
   * @throws IllegalArgumentException with a message for the user if it is not valid
   */
  static Options parse(String... args) {
    boolean serve = false;
    Path report = null;
    URI redis = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--serve" -> serve = true;
        case "--report" -> {
          if (i + 1 == args.length) {
            throw new IllegalArgumentException("--report needs a file name");
          }
          report = Path.of(args[++i]);
        }
        case "--redis" -> {
          if (i + 1 == args.length) {
            throw new IllegalArgumentException("--redis needs a URI, e.g. redis://127.0.0.1:6379");
          }
          redis = DemoRedis.parseUri(args[++i]);
        }
        default -> throw new IllegalArgumentException("unknown argument: " + printable(args[i]));
      }
    }
    return new Options(serve, report, redis);
  }

  /** Runs the demo; see the class documentation for the options. */
  public static void main(String[] args) throws IOException, InterruptedException {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    PrintStream out = System.out;
    long started = System.nanoTime();
    DemoClock clock = DemoClock.simulated();
    List<Result> results;
    try (DemoRedis redis = connect(options.redis());
        DemoServer server = DemoServer.start(stores(redis, clock), clock, Settings.defaults())) {
      out.printf(
          Locale.ROOT,
          "Bulwark demo: a Signal-like server on 127.0.0.1:%d, every endpoint behind"
              + " Bulwark,%nattacked over HTTP, one scenario per threat (simulated clock, %s).%n%n",
          server.port(),
          redis == null
              ? "in-memory stores"
              : "stores in Redis at " + redis.address() + " where bulwark-redis has them");
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
    if (options.report() != null) {
      Files.writeString(options.report(), Report.markdown(results), StandardCharsets.UTF_8);
      out.println("Report written to " + options.report());
    }
    if (options.serve()) {
      serve(out, options.redis());
    }
    int status = exitStatus(results);
    if (status != 0) {
      out.println("Some mitigation FAILED.");
      System.exit(status);
    }
  }

  /** Connects to {@code uri}, or null for memory; exits 2 with a message if Redis is not there. */
  private static @Nullable DemoRedis connect(@Nullable URI uri) {
    if (uri == null) {
      return null;
    }
    try {
      return DemoRedis.connect(uri);
    } catch (IllegalStateException e) {
      System.err.println("--redis: " + e.getMessage());
      System.exit(2);
      return null;
    }
  }

  private static Stores stores(@Nullable DemoRedis redis, DemoClock clock) {
    return redis == null ? Stores.inMemory(clock) : redis.stores(clock);
  }

  /**
   * An unknown argument as the usage error shows it: only if it looks like an option name, since an
   * argument in the wrong place may be a URI with a password.
   */
  private static String printable(String arg) {
    return arg.matches("--[a-z][a-z-]{0,30}") ? arg : "(not shown)";
  }

  /** The process's exit status for a table: 0 if every mitigation held, 1 otherwise. */
  public static int exitStatus(List<Result> results) {
    return !results.isEmpty() && results.stream().allMatch(Result::held) ? 0 : 1;
  }

  private static void serve(PrintStream out, @Nullable URI redisUri) throws InterruptedException {
    DemoClock clock = DemoClock.followingRealTime();
    DemoRedis redis = connect(redisUri);
    DemoServer server = DemoServer.start(stores(redis, clock), clock, Settings.defaults());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  if (redis != null) {
                    redis.close();
                  }
                  stopped.countDown();
                }));
    String base = "http://127.0.0.1:" + server.port();
    String number = "'{\"number\":\"+14155550123\"}'";
    String unlock = "'{\"number\":\"+14155550123\",\"pin\":\"123456\"}'";
    out.printf(
        Locale.ROOT,
        "%nServing a fresh server on %s (real-time clock, %s) until Ctrl-C.%n",
        base,
        redis == null ? "in-memory stores" : "stores in Redis at " + redis.address());
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
}
