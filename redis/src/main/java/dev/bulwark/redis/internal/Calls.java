package dev.bulwark.redis.internal;

import dev.bulwark.redis.RedisBackend;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Waiting for Redis and encoding script arguments. Every failure to get an answer (timeout, refused
 * connection, error reply) becomes a {@link RedisUnavailable}, which each store translates into its
 * SPI's documented exception.
 */
public final class Calls {
  private Calls() {}

  /**
   * Waits for {@code stage}, at most a little longer than the backend's command timeout (Lettuce
   * enforces the timeout itself; this bound only guards against a lost completion).
   *
   * @throws RedisUnavailable if the command failed or timed out
   */
  public static <T> T await(RedisBackend redis, CompletionStage<T> stage) {
    try {
      return stage
          .toCompletableFuture()
          .get(redis.commandTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | CompletionException e) {
      throw new RedisUnavailable(e.getCause() == null ? e : e.getCause());
    } catch (TimeoutException e) {
      throw new RedisUnavailable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RedisUnavailable(e);
    }
  }

  /**
   * Waits for {@code stage} like {@link #await(RedisBackend, CompletionStage)}, throwing {@code
   * translate(failure)} instead of a {@link RedisUnavailable}: the store's documented exception.
   */
  public static <T> T await(
      RedisBackend redis,
      CompletionStage<T> stage,
      Function<RedisUnavailable, ? extends RuntimeException> translate) {
    try {
      return await(redis, stage);
    } catch (RedisUnavailable e) {
      throw translate.apply(e);
    }
  }

  /**
   * Maps a stage's failure to {@code translate(new RedisUnavailable(cause))}, for the asynchronous
   * forms of the SPIs.
   */
  public static <T> CompletionStage<T> translateFailure(
      CompletionStage<T> stage, Function<RedisUnavailable, RuntimeException> translate) {
    return stage.handle(
        (value, error) -> {
          if (error == null) {
            return value;
          }
          Throwable cause =
              error instanceof CompletionException && error.getCause() != null
                  ? error.getCause()
                  : error;
          throw translate.apply(
              cause instanceof RedisUnavailable r ? r : new RedisUnavailable(cause));
        });
  }

  /**
   * A script argument: the decimal digits of {@code value}, as Lua's {@code tonumber} reads them.
   */
  public static byte[] arg(long value) {
    return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
  }

  /** A script argument: the UTF-8 bytes of {@code value}. */
  public static byte[] arg(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Why Redis gave no answer. Its message names only the failure's kind (never keys or values), so
   * it is safe to wrap into an SPI exception and log.
   */
  public static final class RedisUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RedisUnavailable(Throwable cause) {
      super("Redis did not answer: " + cause.getClass().getSimpleName(), cause);
    }
  }
}
