package dev.bulwark.messageid;

import static dev.bulwark.messageid.internal.Checks.requireArgument;
import static dev.bulwark.messageid.internal.Checks.requireNonNull;

/**
 * Where replay state lives: one (account, device, session epoch). Sequence numbers and seen IDs are
 * tracked per scope, so a new epoch starts with a fresh window.
 *
 * <p>{@link #toString()} leaves the account out: it is an identifier, not something for logs.
 *
 * @param account the account's identifier as the host knows it: 1 to 256 characters
 * @param device the device number within the account, non-negative
 * @param epoch the session epoch, positive (see {@link SessionRegistry})
 */
public record ReplayScope(String account, int device, long epoch) {
  /** The longest accepted account identifier. */
  public static final int MAX_ACCOUNT_LENGTH = 256;

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if one is out of range
   */
  public ReplayScope {
    checkAccountAndDevice(account, device);
    requireArgument(epoch >= 1, "epoch must be positive, got %d", epoch);
  }

  /** The rules for the account and device components, shared with the types that carry them. */
  static void checkAccountAndDevice(String account, int device) {
    requireNonNull(account, "account");
    requireArgument(
        !account.isEmpty() && account.length() <= MAX_ACCOUNT_LENGTH,
        "account must have 1 to %d characters, got %d",
        MAX_ACCOUNT_LENGTH,
        account.length());
    requireArgument(device >= 0, "device must not be negative, got %d", device);
  }

  @Override
  public String toString() {
    return "ReplayScope[device=" + device + ", epoch=" + epoch + "]";
  }
}
