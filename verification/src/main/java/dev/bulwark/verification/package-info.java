/**
 * Bulwark verification: one-time codes, TOTP and HOTP, recovery codes.
 *
 * <ul>
 *   <li>{@link dev.bulwark.verification.OneTimeCodes} issues and checks codes sent by SMS, e-mail or
 *       voice: unbiased digits, stored only as a keyed hash bound to session, purpose and
 *       destination, a small attempt budget, single use, growing resend cooldowns.
 *   <li>{@link dev.bulwark.verification.Totp}, {@link dev.bulwark.verification.Hotp}, {@link
 *       dev.bulwark.verification.TotpVerifier} and {@link dev.bulwark.verification.HotpVerifier}
 *       implement RFC 6238 and RFC 4226 with a replay store, so a code is accepted at most once;
 *       {@link dev.bulwark.verification.TotpCredentials} adds enrollment with an {@code otpauth://}
 *       URI, confirmation by a first code and encrypted secrets at rest.
 *   <li>{@link dev.bulwark.verification.RecoveryCodes} issues single-use recovery codes of 125 bits,
 *       stored as keyed hashes.
 * </ul>
 *
 * <p>Every type in this package is immutable or thread-safe. No type prints a code, a secret, a
 * pepper or a destination in {@code toString()}, in an exception message or in a log line. Results
 * are rich and internal: mapping them to one opaque public answer is the job of {@code
 * bulwark-errors}.
 */
@NullMarked
@CheckReturnValue
package dev.bulwark.verification;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
