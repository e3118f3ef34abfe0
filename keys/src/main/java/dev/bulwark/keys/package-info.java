/**
 * Bulwark keys.
 *
 * <ul>
 *   <li>{@link dev.bulwark.keys.KeyRing} holds the versions of one server key: one primary for new
 *       encryptions, staged versions, rotation by hand, by age or by use count, reversible
 *       revocation (a minimum decryption version and per-version revoke), irreversible destroy and
 *       HKDF subkeys per purpose and context. Material is persisted only wrapped by a {@link
 *       dev.bulwark.keys.spi.MasterKeyProvider}.
 *   <li>{@link dev.bulwark.keys.KeyDirectory} is a Signal-style directory of client public keys:
 *       identity keys, signed prekeys and last-resort keys whose signatures are verified on upload,
 *       one-time prekeys handed out at most once, staleness reports, revocation.
 * </ul>
 *
 * <p>Every type in this package is immutable or thread-safe. No type prints key material in {@code
 * toString()}, in an exception message or in a log line.
 */
@NullMarked
@CheckReturnValue
package dev.bulwark.keys;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
