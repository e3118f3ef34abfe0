/**
 * Escalating lockouts for secret-guessing endpoints that cannot be turned into a lock-out of the
 * real user: {@link dev.bulwark.ratelimit.lockout.LockoutGuard}.
 */
@NullMarked
@CheckReturnValue
package dev.bulwark.ratelimit.lockout;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
