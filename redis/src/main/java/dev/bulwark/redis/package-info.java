/**
 * The connection every Redis store shares: {@link dev.bulwark.redis.RedisBackend} (standalone or
 * cluster, with command timeouts and fast reconnection). The stores live in one package per module
 * whose SPI they implement: {@code dev.bulwark.redis.ratelimit}, {@code .verification}, {@code
 * .messageid} and {@code .storage}.
 */
@NullMarked
@CheckReturnValue
package dev.bulwark.redis;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
