/**
 * The storage and key-protection SPIs that hosts implement to keep verification state elsewhere
 * (Redis, SQL, a KMS).
 *
 * <p>Every store method is one atomic state transition: issue-replacing-previous and
 * attempt-and-consume for one-time codes, advance-if-above for TOTP steps and HOTP counters,
 * activate-if-under-the-limit for TOTP credentials, remove-if-present for recovery codes. Stores
 * see keyed hashes and protected secrets, never a code, a secret or a destination.
 */
@NullMarked
@CheckReturnValue
package dev.bulwark.verification.spi;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
