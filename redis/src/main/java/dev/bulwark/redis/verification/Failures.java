package dev.bulwark.redis.verification;

import dev.bulwark.redis.RedisBackend;
import dev.bulwark.redis.internal.Calls;
import dev.bulwark.verification.spi.VerificationStoreException;
import java.util.concurrent.CompletionStage;

/** Turns a Redis failure into the verification SPIs' documented exception: fail closed. */
final class Failures {
  /** The prefix of the error replies of this package's scripts for an unreadable record. */
  static final String BAD_RECORD = "BULWARK_BAD_RECORD";

  private Failures() {}

  /**
   * The exception for {@code failure}: a {@link RedisRecordException} if a script rejected a
   * record, else a {@link VerificationStoreException} naming the store and the failure's kind.
   */
  static VerificationStoreException translate(String store, Calls.RedisUnavailable failure) {
    Throwable cause = failure.getCause();
    if (cause instanceof VerificationStoreException already) {
      return already; // a record rejected while decoding the reply
    }
    String message = cause == null ? null : cause.getMessage();
    if (message != null && message.startsWith(BAD_RECORD)) {
      // the script's reply names only the record's kind and defect (see the scripts)
      return new RedisRecordException(
          store + ": " + message.substring(BAD_RECORD.length()).trim(), failure);
    }
    return new VerificationStoreException(
        store + " could not answer: " + failure.getMessage(), failure);
  }

  /**
   * Waits for {@code stage}; a failure becomes {@link #translate}'s exception for {@code store}.
   */
  static <T> T await(RedisBackend redis, String store, CompletionStage<T> stage) {
    return Calls.await(redis, stage, e -> translate(store, e));
  }

  /** {@code stage}, its failure becoming {@link #translate}'s exception for {@code store}. */
  static <T> CompletionStage<T> translating(String store, CompletionStage<T> stage) {
    return Calls.translateFailure(stage, e -> translate(store, e));
  }
}
