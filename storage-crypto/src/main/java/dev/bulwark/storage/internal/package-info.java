/**
 * Internals of the storage module: record codec, data-key management, recipient hashing, audit
 * events and argument checks. Not exported; not part of the API.
 */
@NullMarked
@CheckReturnValue
package dev.bulwark.storage.internal;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
