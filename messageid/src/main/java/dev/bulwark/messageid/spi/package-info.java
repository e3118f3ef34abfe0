/**
 * The storage SPI that hosts implement to keep replay state elsewhere (Redis, SQL, ...).
 *
 * <p>{@link dev.bulwark.messageid.spi.ReplayStore} has two atomic operations per scope: a
 * test-and-set of a sequence number in the scope's window, and an insert of a random ID into the
 * scope's seen-set with an expiry; each also enforces the scope's timestamp ordering in the same
 * indivisible step.
 */
@NullMarked
@CheckReturnValue
package dev.bulwark.messageid.spi;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
