/** In-memory defaults of the {@code dev.bulwark.keys.spi} stores, for one process and for tests. */
@NullMarked
@CheckReturnValue
package dev.bulwark.keys.memory;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
