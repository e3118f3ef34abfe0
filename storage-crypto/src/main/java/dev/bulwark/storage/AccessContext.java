package dev.bulwark.storage;

import dev.bulwark.storage.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * Who is calling: a {@link Role} and, for a recipient, the recipient it is. Hosts build it from
 * their own authentication (a session, a service identity) and pass it to every operation.
 *
 * <p>Immutable and thread-safe. {@link #toString()} names the role only.
 */
public final class AccessContext {
  private final Role role;
  private final String principal;
  private final @Nullable Recipient self;

  private AccessContext(Role role, String principal, @Nullable Recipient self) {
    this.role = role;
    this.principal = principal;
    this.self = self;
  }

  /** A recipient acting on its own queue. */
  public static AccessContext recipient(Recipient self) {
    return new AccessContext(Role.RECIPIENT, "", Checks.requireNonNull(self, "self"));
  }

  /**
   * A sender (who may put, never read), named by the host's principal for it (a service or account
   * name that host policies may check).
   */
  public static AccessContext sender(String principal) {
    return new AccessContext(Role.SENDER, principal(principal), null);
  }

  /** An operator (who may purge, count, shred, sweep and rewrap, never read). */
  public static AccessContext operator(String principal) {
    return new AccessContext(Role.OPERATOR, principal(principal), null);
  }

  private static String principal(String principal) {
    Checks.requireNonNull(principal, "principal");
    Checks.requireInRange("principal length", principal.length(), 1, 256);
    return principal;
  }

  /**
   * The host's name for a sender or operator, or the empty string for a recipient (whose identity
   * is only ever compared, through {@link #is}).
   */
  public String principal() {
    return principal;
  }

  /** The caller's role. */
  public Role role() {
    return role;
  }

  /** Whether the caller is {@code recipient} itself (compared in constant time). */
  public boolean is(Recipient recipient) {
    return self != null && self.equals(recipient);
  }

  @Override
  public String toString() {
    return "AccessContext[" + role + "]";
  }
}
