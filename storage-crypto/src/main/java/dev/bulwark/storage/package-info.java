/**
 * Bulwark encrypted ephemeral storage: {@link dev.bulwark.storage.EphemeralStore}, its records,
 * access control, AEAD algorithms, padding and the default Tink key-encryption keys.
 */
@NullMarked
@CheckReturnValue
package dev.bulwark.storage;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
