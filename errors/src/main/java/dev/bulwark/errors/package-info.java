/**
 * Opaque errors and timing discipline for enumeration-sensitive endpoints.
 *
 * <p>Start with an {@link dev.bulwark.errors.OutcomeTable} per {@link dev.bulwark.errors.Surface}
 * (checked when it is built), hand the tables to {@link dev.bulwark.errors.OpaqueErrors}, and wrap
 * the work of each surface in a {@link dev.bulwark.errors.TimingEqualizer}. Unknown subjects run
 * {@link dev.bulwark.errors.DummyWork}; secrets are compared with {@link
 * dev.bulwark.errors.ConstantTime}. Every type in this package is immutable or thread-safe, and no
 * public response, exception message or {@code toString()} contains an internal reason's context.
 */
@NullMarked
@CheckReturnValue
package dev.bulwark.errors;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
