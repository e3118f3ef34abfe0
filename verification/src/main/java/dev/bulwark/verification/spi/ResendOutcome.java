package dev.bulwark.verification.spi;

import dev.bulwark.verification.ResendStatus;

/**
 * What a {@link CodeStore} reports for a resend.
 *
 * @param status the decision
 * @param codeExpiresAtMillis when the new code expires (epoch ms), or {@link Long#MIN_VALUE} if
 *     none was stored
 * @param nextSendAtMillis when the next send is allowed (epoch ms), or {@link Long#MIN_VALUE} if
 *     never (limit reached, or no session)
 */
public record ResendOutcome(ResendStatus status, long codeExpiresAtMillis, long nextSendAtMillis) {

  /** The outcome for an unknown or expired session. */
  public static ResendOutcome notFound() {
    return new ResendOutcome(ResendStatus.NOT_FOUND, Long.MIN_VALUE, Long.MIN_VALUE);
  }
}
