package dev.bulwark.errors;

import dev.bulwark.errors.internal.Checks;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An endpoint surface whose failures a client sees: login, registration, verification, account
 * lookup, password reset, key fetch, or one the host defines with {@link #of}.
 *
 * <p>A surface says two things about itself. <b>Enumeration-sensitive</b> surfaces must answer
 * unknown subject, wrong secret, locked and disabled identically; {@link OutcomeTable} refuses to
 * build a table that does not. <b>Retry-after</b> may be sent only on surfaces that declare it
 * safe: a host declares it only if the surface's rate limit is keyed on the client (IP, session,
 * device) or applies identically whether the subject exists or not, so that the presence or value
 * of {@code Retry-After} cannot tell an attacker whether a subject exists.
 *
 * <p>Immutable and thread-safe; equal by name and flags.
 */
public final class Surface {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

  /** Login: enumeration-sensitive; retry-after not allowed (limits there are per subject). */
  public static final Surface LOGIN = new Surface("login", true, false);

  /** Registration: enumeration-sensitive ("already registered" must not show); no retry-after. */
  public static final Surface REGISTRATION = new Surface("registration", true, false);

  /** Verification of a one-time code: enumeration-sensitive; no retry-after. */
  public static final Surface VERIFICATION = new Surface("verification", true, false);

  /** Account lookup (e.g. by phone number): enumeration-sensitive; no retry-after. */
  public static final Surface ACCOUNT_LOOKUP = new Surface("account_lookup", true, false);

  /** Password reset request: enumeration-sensitive; no retry-after. */
  public static final Surface PASSWORD_RESET = new Surface("password_reset", true, false);

  /**
   * Public-key fetch by an authenticated client: enumeration-sensitive; retry-after allowed,
   * because its rate limit is keyed on the requesting client, not on the key owner.
   */
  public static final Surface KEY_FETCH = new Surface("key_fetch", true, true);

  private final String name;
  private final boolean enumerationSensitive;
  private final boolean retryAfterAllowed;

  private Surface(String name, boolean enumerationSensitive, boolean retryAfterAllowed) {
    this.name = name;
    this.enumerationSensitive = enumerationSensitive;
    this.retryAfterAllowed = retryAfterAllowed;
  }

  /**
   * Returns a host-defined surface.
   *
   * @param name 1 to 64 characters: a lower-case letter, then lower-case letters, digits, {@code
   *     _}, {@code .} or {@code -}
   * @param enumerationSensitive whether existence-revealing reasons must share one public outcome
   * @param retryAfterAllowed whether rate-limited responses may carry {@code Retry-After}; declare
   *     it only if the limit cannot differ between existing and non-existing subjects
   * @throws IllegalArgumentException if the name is malformed
   */
  public static Surface of(String name, boolean enumerationSensitive, boolean retryAfterAllowed) {
    Checks.requireNonNull(name, "name");
    Checks.requireArgument(
        NAME.matcher(name).matches(),
        "surface name must match %s (lower-case, 1 to 64 characters)",
        NAME.pattern());
    return new Surface(name, enumerationSensitive, retryAfterAllowed);
  }

  /** Returns the surface's name, as it appears in log lines. */
  public String name() {
    return name;
  }

  /** Returns whether existence-revealing reasons must share one public outcome. */
  public boolean enumerationSensitive() {
    return enumerationSensitive;
  }

  /** Returns whether rate-limited responses on this surface may carry {@code Retry-After}. */
  public boolean retryAfterAllowed() {
    return retryAfterAllowed;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Surface s
        && s.name.equals(name)
        && s.enumerationSensitive == enumerationSensitive
        && s.retryAfterAllowed == retryAfterAllowed;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 4 + (enumerationSensitive ? 2 : 0) + (retryAfterAllowed ? 1 : 0);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "Surface[%s, enumerationSensitive=%s, retryAfterAllowed=%s]",
        name,
        enumerationSensitive,
        retryAfterAllowed);
  }
}
