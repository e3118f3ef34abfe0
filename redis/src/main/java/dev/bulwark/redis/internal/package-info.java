/**
 * Shared machinery of the Redis stores: Lua scripts run by SHA, argument encoding, waiting with
 * timeouts. Not part of the API.
 */
@NullMarked
@CheckReturnValue
package dev.bulwark.redis.internal;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
