/** In-memory implementations of the group SPIs, for one machine and for tests. */
@NullMarked
@CheckReturnValue
package dev.bulwark.groups.memory;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
