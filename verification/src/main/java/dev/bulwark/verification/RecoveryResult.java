package dev.bulwark.verification;

/**
 * The result of redeeming a recovery code.
 *
 * @param status the decision
 * @param remaining the account's unused codes after this call (unknown, reported as 0, for {@code
 *     MALFORMED})
 */
public record RecoveryResult(RecoveryStatus status, int remaining) {

  /** Whether the code was redeemed. */
  public boolean isRedeemed() {
    return status == RecoveryStatus.REDEEMED;
  }
}
