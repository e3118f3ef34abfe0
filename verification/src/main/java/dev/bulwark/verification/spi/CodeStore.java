package dev.bulwark.verification.spi;

import dev.bulwark.verification.CodeVerification;
import dev.bulwark.verification.OneTimeCodePolicy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where one-time code sessions live: one {@link StoredCode} per session ID.
 *
 * <p><b>Contract.</b> Each method is one atomic state transition on one session: concurrent calls
 * for one session behave as if run one after another. {@link #attempt} and {@link #resend} apply
 * {@link StoredCode#attempt} and {@link StoredCode#resend} and store the result in the same atomic
 * step; that is what makes a code single-use (of N concurrent correct submissions exactly one is
 * {@code VERIFIED}) and what makes a resend invalidate the previous code. A session may be dropped
 * at {@link StoredCode#sessionExpiresAtMillis()}, or earlier under memory pressure (which can only
 * turn answers into {@code NOT_FOUND}). Times come from the caller, so every store agrees with the
 * service's clock. Stores see only hashes and must not log them.
 *
 * <p><b>Failure.</b> A store that cannot answer throws {@link VerificationStoreException}, or
 * completes the async form with it; nothing is then verified. Implementations must be
 * thread-safe.
 */
public interface CodeStore {

  /**
   * Atomically stores a new session, if no session has this ID.
   *
   * @return whether it was stored; {@code false} means the ID is taken (with 160-bit random IDs,
   *     a sign of a broken random source)
   * @throws VerificationStoreException if the store cannot answer
   */
  boolean create(String sessionId, StoredCode session);

  /**
   * Atomically applies {@link StoredCode#resend} to the session and stores the result.
   *
   * @return the outcome; {@link ResendOutcome#notFound()} if there is no such session
   * @throws VerificationStoreException if the store cannot answer
   */
  ResendOutcome resend(
      String sessionId, byte[] bindingHash, byte[] newCodeHash, long nowMillis, OneTimeCodePolicy policy);

  /**
   * Atomically applies {@link StoredCode#attempt} to the session and stores the result.
   *
   * @return the verification; {@link CodeVerification#notFound()} if there is no such session
   * @throws VerificationStoreException if the store cannot answer
   */
  CodeVerification attempt(String sessionId, byte[] candidateHash, long nowMillis);

  /**
   * Removes the session, if present.
   *
   * @throws VerificationStoreException if the store cannot answer
   */
  void delete(String sessionId);

  /** The asynchronous form of {@link #create}; the default runs it in the calling thread. */
  default CompletionStage<Boolean> createAsync(String sessionId, StoredCode session) {
    try {
      return CompletableFuture.completedFuture(create(sessionId, session));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The asynchronous form of {@link #resend}; the default runs it in the calling thread. */
  default CompletionStage<ResendOutcome> resendAsync(
      String sessionId, byte[] bindingHash, byte[] newCodeHash, long nowMillis, OneTimeCodePolicy policy) {
    try {
      return CompletableFuture.completedFuture(
          resend(sessionId, bindingHash, newCodeHash, nowMillis, policy));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The asynchronous form of {@link #attempt}; the default runs it in the calling thread. */
  default CompletionStage<CodeVerification> attemptAsync(
      String sessionId, byte[] candidateHash, long nowMillis) {
    try {
      return CompletableFuture.completedFuture(attempt(sessionId, candidateHash, nowMillis));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
