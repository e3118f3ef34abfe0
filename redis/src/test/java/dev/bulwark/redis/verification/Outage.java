package dev.bulwark.redis.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** What the fault tests check of a store while Redis is down and once it is back. */
public final class Outage {
  /** The command timeout the fault tests' backends use. */
  public static final Duration COMMAND_TIMEOUT = Duration.ofMillis(250);

  /** How long a failing call may take: the timeout, and room for a busy test machine. */
  public static final Duration FAIL_WITHIN = Duration.ofMillis(1_750);

  private Outage() {}

  /**
   * Asserts that {@code call} throws {@code type} within {@link #FAIL_WITHIN}, with a message that
   * holds none of {@code secrets}.
   */
  public static void assertFailsClosed(
      Class<? extends Throwable> type, Callable<?> call, String... secrets) {
    long start = System.nanoTime();
    Throwable thrown = null;
    try {
      Object answer = call.call();
      fail(
          "expected %s while Redis is down, but the store answered %s",
          type.getSimpleName(), answer);
    } catch (Throwable t) {
      thrown = t;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(thrown).isInstanceOf(type);
    assertThat(took).isLessThan(FAIL_WITHIN);
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      for (String secret : secrets) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
      }
    }
  }

  /** Asserts that the stage {@code call} returns completes exceptionally with {@code type}. */
  public static void assertFailsClosedAsync(
      Class<? extends Throwable> type, Supplier<? extends CompletionStage<?>> call) {
    long start = System.nanoTime();
    try {
      Object answer =
          call.get().toCompletableFuture().get(FAIL_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
      fail(
          "expected %s while Redis is down, but the store answered %s",
          type.getSimpleName(), answer);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(type);
    } catch (Exception e) {
      fail("the stage did not complete exceptionally in time", e);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAIL_WITHIN);
  }

  /**
   * Retries {@code call} until it answers (the backend reconnects on its own), for at most five
   * seconds, and returns the answer.
   */
  public static <T> T awaitAnswer(Callable<T> call) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (true) {
      try {
        return call.call();
      } catch (RuntimeException stillDown) {
        if (System.nanoTime() > deadline) {
          throw stillDown;
        }
        Thread.sleep(20);
      }
    }
  }
}
