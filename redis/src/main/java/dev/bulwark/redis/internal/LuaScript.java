package dev.bulwark.redis.internal;

import dev.bulwark.redis.RedisBackend;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A Lua script run with {@code EVALSHA}: one round trip per call. A server that does not know the
 * script yet (after a restart, a failover or {@code SCRIPT FLUSH}) answers {@code NOSCRIPT}; the
 * call is then repeated once with {@code EVAL}, which also caches the script on that node.
 *
 * <p>Scripts are resources next to the store that uses them, read once at class initialization.
 * Every key a script touches must be passed in {@code keys} (and share one hash tag on a cluster).
 */
public final class LuaScript {
  private final String name;
  private final String source;
  private final String sha1;

  private LuaScript(String name, String source) {
    this.name = name;
    this.source = source;
    this.sha1 = sha1Hex(source);
  }

  /**
   * Loads the script {@code resource} (e.g. {@code "gcra.lua"}) found next to {@code owner}'s class
   * file.
   */
  public static LuaScript load(Class<?> owner, String resource) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "missing Lua script resource " + resource + " of " + owner.getName());
      }
      return new LuaScript(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The script's SHA-1, as {@code EVALSHA} takes it. */
  public String sha1() {
    return sha1;
  }

  /**
   * Runs the script: {@code EVALSHA}, and {@code EVAL} once if the server answers {@code NOSCRIPT}.
   * The stage completes with Lettuce's result for {@code type}, or exceptionally with Lettuce's
   * exception (timeouts included: the backend sets a timeout on every command).
   */
  public <T> CompletionStage<T> run(
      RedisBackend redis, ScriptOutputType type, String[] keys, byte[]... args) {
    CompletableFuture<T> result = new CompletableFuture<>();
    redis
        .commands()
        .<T>evalsha(sha1, type, keys, args)
        .whenComplete(
            (value, error) -> {
              if (error == null) {
                result.complete(value);
              } else if (isNoScript(error)) {
                redis
                    .commands()
                    .<T>eval(source, type, keys, args)
                    .whenComplete(
                        (retried, retryError) -> {
                          if (retryError == null) {
                            result.complete(retried);
                          } else {
                            result.completeExceptionally(retryError);
                          }
                        });
              } else {
                result.completeExceptionally(error);
              }
            });
    return result;
  }

  @Override
  public String toString() {
    return "LuaScript[" + name + ", sha1=" + sha1 + "]";
  }

  private static boolean isNoScript(Throwable error) {
    Throwable cause =
        error instanceof java.util.concurrent.CompletionException && error.getCause() != null
            ? error.getCause()
            : error;
    return cause instanceof RedisNoScriptException
        || (cause.getMessage() != null && cause.getMessage().startsWith("NOSCRIPT"));
  }

  private static String sha1Hex(String source) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(sha1.digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JDK", e);
    }
  }
}
