/** The in-memory {@link dev.bulwark.messageid.spi.ReplayStore}, on Caffeine. */
@NullMarked
@CheckReturnValue
package dev.bulwark.messageid.memory;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
