/** Redis stores for the storage-crypto module: blobs and wrapped data keys. */
@NullMarked
@CheckReturnValue
package dev.bulwark.redis.storage;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
