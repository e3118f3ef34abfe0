/**
 * Redis stores for the messageid module: {@link dev.bulwark.redis.messageid.RedisReplayStore}, the
 * replay windows (a ring bitmap per scope) and expiring seen-sets of random IDs, each decision one
 * Lua script; it fails closed with {@link dev.bulwark.messageid.spi.ReplayStoreException}.
 */
@NullMarked
@CheckReturnValue
package dev.bulwark.redis.messageid;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
