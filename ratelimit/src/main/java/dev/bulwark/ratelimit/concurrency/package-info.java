/**
 * Adaptive concurrency limits: {@link dev.bulwark.ratelimit.concurrency.ConcurrencyLimiter} bounds
 * the work in flight rather than its rate, and learns the bound from observed latency with {@link
 * dev.bulwark.ratelimit.concurrency.AimdLimit} or {@link
 * dev.bulwark.ratelimit.concurrency.GradientLimit}. Every type here is immutable or thread-safe.
 */
@NullMarked
@CheckReturnValue
package dev.bulwark.ratelimit.concurrency;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
