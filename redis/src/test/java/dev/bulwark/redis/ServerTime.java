package dev.bulwark.redis;

import dev.bulwark.testkit.redis.RedisServer;
import java.time.Duration;
import java.util.List;

/**
 * Makes time pass on Redis servers for the keys under a prefix, as far as expiry goes: every key's
 * time-to-live shrinks by the elapsed time, and a key whose time-to-live runs out is deleted, as
 * Redis would have done had the time really passed. Keys without a time-to-live are left alone. For
 * contract tests whose clock jumps by minutes or years.
 */
public final class ServerTime {
  private ServerTime() {}

  /** Lets {@code elapsed} pass for the keys under {@code prefix} on every one of {@code nodes}. */
  public static void pass(List<RedisServer> nodes, String prefix, Duration elapsed) {
    long millis = elapsed.toMillis();
    for (RedisServer node : nodes) {
      String cursor = "0";
      do {
        List<?> page =
            (List<?>) node.command("SCAN", cursor, "MATCH", prefix + "*", "COUNT", "1000");
        cursor = (String) page.get(0);
        for (Object key : (List<?>) page.get(1)) {
          long ttl = (Long) node.command("PTTL", (String) key);
          if (ttl < 0) {
            continue; // no time-to-live (or already gone)
          }
          if (ttl <= millis) {
            node.command("DEL", (String) key);
          } else {
            node.command("PEXPIRE", (String) key, Long.toString(ttl - millis));
          }
        }
      } while (!cursor.equals("0"));
    }
  }
}
