/** Internals of the verification module: not exported, not API, may change without notice. */
@NullMarked
package dev.bulwark.verification.internal;

import org.jspecify.annotations.NullMarked;
