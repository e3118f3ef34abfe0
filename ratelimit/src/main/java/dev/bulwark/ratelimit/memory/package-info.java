/**
 * The in-memory {@link dev.bulwark.ratelimit.spi.RateLimitStore}, built on Caffeine, for one
 * machine.
 */
@NullMarked
@CheckReturnValue
package dev.bulwark.ratelimit.memory;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
