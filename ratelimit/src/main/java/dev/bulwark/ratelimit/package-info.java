/**
 * Rate limiting with the generic cell rate algorithm (GCRA).
 *
 * <p>Start with {@link dev.bulwark.ratelimit.RateLimiterRegistry} (named, live-reconfigurable
 * policies) or {@link dev.bulwark.ratelimit.RateLimiter#inMemory(RatePolicy)} for a single policy.
 * Keys are built by {@link dev.bulwark.ratelimit.RateLimitKey}, which normalizes and validates IP
 * addresses, phone numbers, account IDs and free-form identifiers. Every type in this package is
 * immutable or thread-safe, and no type prints a raw key in {@code toString()} or in an exception.
 */
@NullMarked
@CheckReturnValue
package dev.bulwark.ratelimit;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
