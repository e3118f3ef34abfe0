/** Internals of the testkit; not exported, not part of the API. */
@NullMarked
@CheckReturnValue
package dev.bulwark.testkit.internal;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
