/** The in-memory stores of the verification SPIs, built on Caffeine with per-entry expiry, for one process. */
@NullMarked
@CheckReturnValue
package dev.bulwark.verification.memory;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
