/** Redis stores for the messageid module: replay windows and seen-sets. */
@NullMarked
@CheckReturnValue
package dev.bulwark.redis.messageid;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
