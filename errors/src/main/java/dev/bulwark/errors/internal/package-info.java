/** Internals of the errors module; not exported, not part of the API. */
@NullMarked
@CheckReturnValue
package dev.bulwark.errors.internal;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
