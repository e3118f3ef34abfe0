/** Redis stores for the verification module: codes, TOTP replay steps. */
@NullMarked
@CheckReturnValue
package dev.bulwark.redis.verification;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
