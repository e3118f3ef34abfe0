package dev.bulwark.redis.storage;

import dev.bulwark.redis.RedisBackend;
import dev.bulwark.redis.internal.Calls;
import dev.bulwark.redis.internal.Checks;
import dev.bulwark.redis.internal.LuaScript;
import dev.bulwark.redis.internal.Replies;
import dev.bulwark.storage.spi.RecipientRef;
import dev.bulwark.storage.spi.StoreUnavailableException;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Key layout, waiting and failure mapping shared by the storage stores. */
final class StorageCalls {
  private StorageCalls() {}

  /**
   * The hash-tagged stem of a recipient's keys: {@code <prefix><kind>:{<64 hex digits>}}. The tag
   * puts every key of one recipient in one cluster slot, so each script touches one slot.
   */
  static String stem(RedisBackend redis, String kind, RecipientRef ref) {
    Checks.requireNonNull(ref, "ref");
    return redis.keyPrefix() + kind + ":{" + ref.toHex() + "}";
  }

  /**
   * Waits for {@code stage}; a missing answer becomes the SPI's {@link StoreUnavailableException}.
   */
  static <T> T await(RedisBackend redis, String store, CompletionStage<T> stage) {
    return Calls.await(
        redis, stage, e -> new StoreUnavailableException(store + ": " + e.getMessage(), e));
  }

  /**
   * Every key matching {@code pattern} on every node (a cluster-wide {@code SCAN}), in batches of
   * {@code batch}. Keys added or deleted meanwhile may or may not be seen; keys present throughout
   * are seen at least once.
   */
  static List<String> scan(RedisBackend redis, String store, String pattern, int batch) {
    ScanArgs args = ScanArgs.Builder.matches(pattern).limit(batch);
    List<String> keys = new ArrayList<>();
    KeyScanCursor<String> cursor = await(redis, store, redis.commands().scan(args));
    keys.addAll(cursor.getKeys());
    while (!cursor.isFinished()) {
      cursor = await(redis, store, redis.commands().scan(cursor, args));
      keys.addAll(cursor.getKeys());
    }
    return keys.stream().distinct().toList();
  }

  /**
   * Runs {@code script}, which answers a count, on {@code keys}.
   *
   * @throws StoreUnavailableException if the answer is not a count (missing, negative or too large)
   */
  static int count(
      RedisBackend redis, String store, LuaScript script, String[] keys, byte[]... args) {
    Long n = await(redis, store, script.run(redis, ScriptOutputType.INTEGER, keys, args));
    if (n == null || n < 0 || n > Integer.MAX_VALUE) {
      throw unexpectedAnswer(store);
    }
    return n.intValue();
  }

  /**
   * A script's yes-or-no answer: 1 or 0.
   *
   * @throws StoreUnavailableException for anything else, which none of the store's scripts answers
   */
  static boolean yesOrNo(String store, @Nullable Long answer) {
    return Replies.yesOrNo(answer, () -> unexpectedAnswer(store));
  }

  private static StoreUnavailableException unexpectedAnswer(String store) {
    return new StoreUnavailableException(store + ": the script gave an unexpected answer", null);
  }

  /**
   * Runs {@code script} with {@code arg} once per key {@link #scan} finds for {@code pattern} (one
   * key per recipient, ending in a 2-character suffix such as {@code ":e"}), on the keys {@code
   * keysOf} names for that key's stem (the key without its suffix), and returns the sum of the
   * counts. A failure part-way leaves each recipient either swept or untouched.
   */
  static int sweep(
      RedisBackend redis,
      String store,
      String pattern,
      int batch,
      Function<String, String[]> keysOf,
      LuaScript script,
      byte[] arg) {
    int total = 0;
    for (String found : scan(redis, store, pattern, batch)) {
      String stem = found.substring(0, found.length() - 2);
      total += count(redis, store, script, keysOf.apply(stem), arg);
    }
    return total;
  }
}
