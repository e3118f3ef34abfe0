package dev.bulwark.verification;

/** What redeeming a recovery code decided. */
public enum RecoveryStatus {
  /** The code was one of the account's unused codes and is now used up. */
  REDEEMED,
  /** The code is well formed but not one of the account's unused codes. */
  INVALID,
  /** The account has no unused recovery codes. */
  NO_CODES,
  /** The input is not a recovery code; nothing was looked up. */
  MALFORMED
}
