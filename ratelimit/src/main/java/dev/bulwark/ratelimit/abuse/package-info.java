/**
 * Abuse detection and reaction on top of the rate limiters: {@link
 * dev.bulwark.ratelimit.abuse.AbuseMonitor} (bounded-memory heavy-hitter detection per dimension
 * over sliding windows, and an EWMA baseline per endpoint), {@link
 * dev.bulwark.ratelimit.abuse.Blocklist} (temporary bans with a TTL, state behind {@link
 * dev.bulwark.ratelimit.spi.BlocklistStore}), {@link dev.bulwark.ratelimit.abuse.AutoBan} (monitor
 * events to bans) and {@link dev.bulwark.ratelimit.abuse.BlocklistGuard} (a blocklist in front of a
 * {@link dev.bulwark.ratelimit.RateLimiter}).
 *
 * <p>Every type here is immutable or thread-safe. Keys are {@link
 * dev.bulwark.ratelimit.RateLimitKey}s, which print their kind only; no event, exception or {@code
 * toString()} shows a raw identifier.
 */
@NullMarked
@CheckReturnValue
package dev.bulwark.ratelimit.abuse;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
