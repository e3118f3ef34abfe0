/**
 * The SPIs that hosts implement to keep key state elsewhere (SQL, Redis, a KMS, an HSM).
 *
 * <p>{@link dev.bulwark.keys.spi.KeyRingStore} persists wrapped key rings with optimistic
 * versioning; {@link dev.bulwark.keys.spi.PublicKeyStore} persists client public keys with an
 * atomic compare-and-set and an atomic take-once; {@link dev.bulwark.keys.spi.MasterKeyProvider}
 * wraps and unwraps key material. Every store method is one atomic state transition.
 */
@NullMarked
@CheckReturnValue
package dev.bulwark.keys.spi;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
