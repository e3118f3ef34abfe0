/**
 * The storage SPI that hosts implement to keep limiter state elsewhere (Redis, SQL, ...).
 *
 * <p>{@link dev.bulwark.ratelimit.spi.RateLimitStore} has one atomic operation: apply a policy's
 * limits to one key. An implementation must perform the whole decision for all of the policy's
 * limits as one indivisible state transition.
 */
@NullMarked
@CheckReturnValue
package dev.bulwark.ratelimit.spi;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
