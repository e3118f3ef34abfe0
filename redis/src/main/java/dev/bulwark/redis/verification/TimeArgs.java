package dev.bulwark.redis.verification;

import dev.bulwark.redis.internal.Calls;
import java.time.InstantSource;
import org.jspecify.annotations.Nullable;

/** The "now" argument of the scripts that read time themselves. */
final class TimeArgs {
  private static final byte[] SERVER_TIME = new byte[0];

  private TimeArgs() {}

  /** The caller's clock in epoch ms, or an empty argument: the script then reads Redis TIME. */
  static byte[] now(@Nullable InstantSource clock) {
    return clock == null ? SERVER_TIME : Calls.arg(clock.millis());
  }
}
