/** Redis stores for the ratelimit module: limits, lockouts, challenges, blocklist. */
@NullMarked
@CheckReturnValue
package dev.bulwark.redis.ratelimit;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
