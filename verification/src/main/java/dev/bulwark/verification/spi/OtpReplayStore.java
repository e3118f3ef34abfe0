package dev.bulwark.verification.spi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The last accepted TOTP time step or HOTP counter of each credential: what makes a one-time
 * password one-time (RFC 6238 section 5.2, RFC 4226 section 7.2).
 *
 * <p><b>Contract.</b> {@link #tryAdvance} is one atomic test-and-set: of any number of concurrent
 * calls for one credential with the same value, exactly one returns {@code true}, and once a value
 * is recorded no call with a value at or below it ever returns {@code true} while the record is
 * retained. A record may be dropped after its retention time, never before: dropping it early lets
 * a code be accepted twice. Credential IDs are opaque host identifiers; stores may log them.
 *
 * <p><b>Failure.</b> A store that cannot answer throws {@link VerificationStoreException}; the
 * verification then fails closed. Implementations must be thread-safe.
 */
public interface OtpReplayStore {

  /** What {@link #lastAccepted} returns for a credential with no record. */
  long NONE = Long.MIN_VALUE;

  /**
   * Atomically records {@code value} as the credential's last accepted step or counter if it is
   * above the one recorded (or none is), and keeps the record at least until {@code
   * retainUntilEpochMillis} (later if an earlier call asked for longer).
   *
   * @param retainUntilEpochMillis when the record may be dropped; {@link Long#MAX_VALUE} for never
   *     (HOTP counters)
   * @return whether {@code value} was recorded; {@code false} means a replay
   * @throws VerificationStoreException if the store cannot answer
   */
  boolean tryAdvance(String credentialId, long value, long retainUntilEpochMillis);

  /**
   * Returns the credential's last accepted step or counter, or {@link #NONE}.
   *
   * @throws VerificationStoreException if the store cannot answer
   */
  long lastAccepted(String credentialId);

  /**
   * Forgets the credential (when it is removed or its secret replaced); a no-op if unknown.
   *
   * @throws VerificationStoreException if the store cannot answer
   */
  void forget(String credentialId);

  /**
   * The asynchronous form of {@link #tryAdvance}. The default runs it in the calling thread, which
   * suits stores that never block.
   */
  default CompletionStage<Boolean> tryAdvanceAsync(
      String credentialId, long value, long retainUntilEpochMillis) {
    try {
      return CompletableFuture.completedFuture(tryAdvance(credentialId, value, retainUntilEpochMillis));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The asynchronous form of {@link #lastAccepted}; the default runs it in the calling thread. */
  default CompletionStage<Long> lastAcceptedAsync(String credentialId) {
    try {
      return CompletableFuture.completedFuture(lastAccepted(credentialId));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
