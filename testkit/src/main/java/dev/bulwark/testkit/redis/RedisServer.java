package dev.bulwark.testkit.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One real {@code redis-server} process on a free loopback port, with its own temporary directory,
 * for tests. It binds {@code 127.0.0.1} only, and is stopped by its own process ID: by {@link
 * #close()}, or at the latest when the JVM exits.
 *
 * <p>Fault tests can {@link #kill()} it (SIGKILL), {@link #pause()} it (SIGSTOP), {@link #resume()}
 * it (SIGCONT) and {@link #restart()} it on the same port and directory, so that with {@link
 * Options#persistent()} the data written before a kill comes back.
 */
public final class RedisServer implements AutoCloseable {
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);
  private static final int ADMIN_TIMEOUT_MILLIS = 5_000;
  private static final Set<RedisServer> OPEN = ConcurrentHashMap.newKeySet();

  static {
    // Servers shared by a whole test run are closed here, and so is any a test forgot.
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> OPEN.forEach(RedisServer::close), "redis-reaper"));
  }

  private final Path executable;
  private final Options options;
  private final Path directory;
  private final int port;
  private @Nullable Process process;

  /** How to start a server. */
  public record Options(boolean appendOnly, boolean clusterMode) {
    /** No persistence and no cluster mode: the fastest server for contract tests. */
    public static Options ephemeral() {
      return new Options(false, false);
    }

    /**
     * Append-only file with {@code appendfsync always}: nothing acknowledged is lost on SIGKILL.
     */
    public static Options persistent() {
      return new Options(true, false);
    }

    /** A node for a Redis Cluster (see {@link RedisCluster}). */
    public static Options clusterNode() {
      return new Options(false, true);
    }
  }

  private RedisServer(Path executable, Options options, Path directory, int port) {
    this.executable = executable;
    this.options = options;
    this.directory = directory;
    this.port = port;
  }

  /** Starts an ephemeral server; skips or fails the calling test if there is no binary. */
  public static RedisServer start() {
    return start(Options.ephemeral());
  }

  /**
   * Starts a server with {@code options} on a free loopback port; skips the calling test if there
   * is no {@code redis-server} on the {@code PATH}, or fails it under {@value
   * RedisBinaries#REQUIRE_SERVERS}{@code =1}.
   */
  public static RedisServer start(Options options) {
    Path executable = RedisBinaries.require("redis-server");
    IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      Path directory = null;
      try {
        directory = Files.createTempDirectory("bulwark-redis-");
        RedisServer server =
            new RedisServer(executable, options, directory, freePort(options.clusterMode()));
        server.launch();
        OPEN.add(server);
        return server;
      } catch (IOException e) {
        // Another process may have taken the port between our probe and the bind: try another.
        last = e;
        if (directory != null) {
          deleteRecursively(directory);
        }
      }
    }
    throw new UncheckedIOException("could not start redis-server", last);
  }

  /** The loopback port the server listens on. */
  public int port() {
    return port;
  }

  /** The host, always {@code 127.0.0.1}. */
  public String host() {
    return "127.0.0.1";
  }

  /** A Redis URI for clients, {@code redis://127.0.0.1:<port>}. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** The process ID of the running server. */
  public long pid() {
    return running().pid();
  }

  /** Whether the server process is alive (a paused server is alive). */
  public boolean isAlive() {
    Process current = process;
    return current != null && current.isAlive();
  }

  /**
   * Sends one command over a fresh connection and returns the reply: a {@code String}, {@code
   * Long}, {@code List<Object>} or {@code null}.
   *
   * @throws UncheckedIOException if the server is unreachable or answers with an error
   */
  public @Nullable Object command(String... words) {
    try (RespConnection connection = new RespConnection(port, ADMIN_TIMEOUT_MILLIS)) {
      return connection.command(words);
    } catch (IOException e) {
      throw new UncheckedIOException("redis command " + words[0] + " failed: " + e.getMessage(), e);
    }
  }

  /** Deletes every key ({@code FLUSHALL SYNC}). */
  public void flushAll() {
    command("FLUSHALL", "SYNC");
  }

  /** The text of {@code INFO <section>}. */
  public String info(String section) {
    return String.valueOf(command("INFO", section));
  }

  /**
   * How many times the server ran {@code commandName} since the last {@link #resetStats()}, from
   * {@code INFO commandstats} ({@code 0} if never).
   */
  public long commandCalls(String commandName) {
    String prefix = "cmdstat_" + commandName.toLowerCase(java.util.Locale.ROOT) + ":calls=";
    for (String line : info("commandstats").split("\r\n")) {
      if (line.startsWith(prefix)) {
        int end = line.indexOf(',', prefix.length());
        return Long.parseLong(line.substring(prefix.length(), end < 0 ? line.length() : end));
      }
    }
    return 0;
  }

  /** Resets the counters of {@code INFO commandstats} ({@code CONFIG RESETSTAT}). */
  public void resetStats() {
    command("CONFIG", "RESETSTAT");
  }

  /** Kills the process with SIGKILL and waits for it to die; {@link #restart()} brings it back. */
  public void kill() {
    Process current = running();
    current.destroyForcibly();
    awaitExit(current);
  }

  /** Freezes the process with SIGSTOP: connections stay open but nothing is answered. */
  public void pause() {
    signal("STOP");
  }

  /** Thaws a paused process with SIGCONT. */
  public void resume() {
    signal("CONT");
  }

  /**
   * Starts the server again on the same port and directory after {@link #kill()} (a persistent
   * server reloads its append-only file). Stops it first if it is still running.
   */
  public void restart() {
    Process current = process;
    if (current != null && current.isAlive()) {
      signal("CONT");
      current.destroyForcibly();
      awaitExit(current);
    }
    try {
      launch();
    } catch (IOException e) {
      throw new UncheckedIOException("could not restart redis-server on port " + port, e);
    }
  }

  /** Stops the process (SIGKILL: nothing needs saving) and deletes its directory. */
  @Override
  public void close() {
    Process current = process;
    if (current != null) {
      if (current.isAlive()) {
        signal("CONT");
        current.destroyForcibly();
        awaitExit(current);
      }
    }
    OPEN.remove(this);
    deleteRecursively(directory);
  }

  @Override
  public String toString() {
    return "RedisServer[127.0.0.1:" + port + (isAlive() ? "" : ", stopped") + "]";
  }

  private void launch() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    add(command, "--port", Integer.toString(port));
    add(command, "--bind", "127.0.0.1");
    add(command, "--protected-mode", "yes");
    add(command, "--daemonize", "no");
    add(command, "--dir", directory.toString());
    add(command, "--logfile", directory.resolve("redis.log").toString());
    add(command, "--save", "");
    if (options.appendOnly()) {
      add(command, "--appendonly", "yes");
      add(command, "--appendfsync", "always");
    } else {
      add(command, "--appendonly", "no");
    }
    if (options.clusterMode()) {
      add(command, "--cluster-enabled", "yes");
      add(command, "--cluster-config-file", directory.resolve("nodes.conf").toString());
      add(command, "--cluster-node-timeout", "2000");
    }
    Process started =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("stdout.log").toFile())
            .start();
    process = started;
    awaitReady(started);
  }

  private void awaitReady(Process started) throws IOException {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!started.isAlive()) {
        throw new IOException("redis-server exited at start-up:\n" + logTail());
      }
      try (RespConnection connection = new RespConnection(port, 500)) {
        if ("PONG".equals(connection.command("PING"))) {
          return;
        }
      } catch (IOException notYet) {
        // still starting (or loading its append-only file)
      }
      sleep(Duration.ofMillis(20));
    }
    started.destroyForcibly();
    throw new IOException(
        "redis-server did not answer PING in " + STARTUP_TIMEOUT + ":\n" + logTail());
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(directory.resolve("redis.log"));
      lines.addAll(Files.readAllLines(directory.resolve("stdout.log")));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private void signal(String signal) {
    Process current = running();
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, Long.toString(current.pid()))
              .redirectErrorStream(true)
              .start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " failed for redis-server " + this);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling redis-server", e);
    }
  }

  private Process running() {
    Process current = process;
    if (current == null) {
      throw new IllegalStateException("redis-server was never started");
    }
    return current;
  }

  private static void awaitExit(Process process) {
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("redis-server pid " + process.pid() + " did not exit");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping redis-server", e);
    }
  }

  /** A free loopback port; for a cluster node its bus port (port + 10000) must be free too. */
  private static int freePort(boolean withBusPort) throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = socket.getLocalPort();
      }
      if (!withBusPort) {
        return port;
      }
      if (port + 10_000 <= 65_535 && isFree(port + 10_000)) {
        return port;
      }
    }
    throw new IOException("no free loopback port with a free cluster bus port");
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void add(List<String> command, String option, String value) {
    command.add(option);
    command.add(value);
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is harmless
    }
  }
}
