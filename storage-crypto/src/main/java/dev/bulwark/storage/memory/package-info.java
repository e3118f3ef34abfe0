/**
 * In-memory implementations of the storage SPIs, built on Caffeine; the defaults of {@link
 * dev.bulwark.storage.EphemeralStore}.
 */
@NullMarked
@CheckReturnValue
package dev.bulwark.storage.memory;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
