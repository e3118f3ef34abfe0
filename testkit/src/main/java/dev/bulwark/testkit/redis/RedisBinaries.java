package dev.bulwark.testkit.redis;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.opentest4j.TestAbortedException;

/**
 * Finds {@code redis-server} and {@code redis-cli} on the {@code PATH}, and decides what a test
 * does when they are missing: skip loudly, or fail when {@value #REQUIRE_SERVERS}{@code =1}.
 */
public final class RedisBinaries {
  /** The environment variable that turns a missing server binary from a skip into a failure. */
  public static final String REQUIRE_SERVERS = "BULWARK_REQUIRE_SERVERS";

  private RedisBinaries() {}

  /** The {@code redis-server} executable, if it is on the {@code PATH}. */
  public static Optional<Path> server() {
    return onPath("redis-server");
  }

  /** The {@code redis-cli} executable, if it is on the {@code PATH}. */
  public static Optional<Path> cli() {
    return onPath("redis-cli");
  }

  /**
   * Returns the executable, or stops the calling test: with an {@link AssertionError} when {@value
   * #REQUIRE_SERVERS}{@code =1}, otherwise with a skip (a JUnit {@link TestAbortedException}) after
   * printing a warning to standard error.
   */
  static Path require(String name) {
    Optional<Path> found = onPath(name);
    if (found.isPresent()) {
      return found.get();
    }
    String message =
        name
            + " is not on the PATH, so the tests that need a real Redis cannot run"
            + " (install it, e.g. apt-get install -y redis-server redis-tools)";
    if ("1".equals(System.getenv(REQUIRE_SERVERS))) {
      throw new AssertionError(message + "; " + REQUIRE_SERVERS + "=1 makes this a failure");
    }
    System.err.println("*** SKIPPED: " + message + " ***");
    throw new TestAbortedException(message);
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
