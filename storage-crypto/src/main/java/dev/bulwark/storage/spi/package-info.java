/**
 * The SPIs that hosts implement to keep blobs and wrapped data keys elsewhere and to plug in a KMS
 * or HSM as the key-encryption key. Every store method is one atomic state transition.
 */
@NullMarked
@CheckReturnValue
package dev.bulwark.storage.spi;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
