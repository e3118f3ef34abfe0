package dev.bulwark.verification;

import static dev.bulwark.verification.internal.Checks.requireIdentifier;
import static dev.bulwark.verification.internal.Checks.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.verification.internal.Events;
import dev.bulwark.verification.memory.MemoryOtpReplayStore;
import dev.bulwark.verification.spi.OtpReplayStore;
import dev.bulwark.verification.spi.VerificationStoreException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Accepts TOTP codes at most once per credential (RFC 6238 section 5.2).
 *
 * <p>A verification parses the code strictly (exactly {@code digits} ASCII digits), computes the
 * code of every step in the window and compares each in constant time without stopping at a match,
 * then asks the {@link OtpReplayStore} to raise the credential's last accepted step to the matched
 * one. That test-and-set is atomic, so of two concurrent submissions of one code exactly one is
 * {@link OtpVerificationStatus#VERIFIED}, and a code whose step is at or below the last accepted one
 * is {@link OtpVerificationStatus#REPLAYED}, with an {@link OtpEvent.Type#REPLAY_REJECTED} event.
 *
 * <p>The replay record of a credential is kept until its last accepted step has left the window
 * (plus one step of margin), so memory stays proportional to recently active credentials.
 *
 * <p>This class is thread-safe.
 */
public final class TotpVerifier {
  private final InstantSource clock;
  private final OtpReplayStore store;
  private final OtpEventListener listener;

  private TotpVerifier(Builder b) {
    this.clock = b.clock;
    this.store = b.store != null ? b.store : MemoryOtpReplayStore.builder().clock(b.clock).build();
    this.listener = b.listener;
  }

  /** Returns a verifier with the system clock, an in-memory replay store and a logging listener. */
  public static TotpVerifier create() {
    return builder().build();
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies {@code code} for the credential {@code credentialId} keyed by {@code totp}, now.
   *
   * @param code the user's input; anything but exactly {@code digits} ASCII digits (including
   *     {@code null}) is {@link OtpVerificationStatus#MALFORMED} and changes nothing
   * @throws IllegalArgumentException if {@code credentialId} is not 1 to 128 printable ASCII
   *     characters
   * @throws VerificationStoreException if the replay store cannot answer; nothing is accepted
   */
  public OtpVerification verify(String credentialId, Totp totp, @Nullable CharSequence code) {
    requireIdentifier(credentialId, "credentialId");
    requireNonNull(totp, "totp");
    long now = clock.millis();
    long current = totp.stepAtMillis(now);
    long mask = totp.matchWindow(code, current);
    if (mask <= 0) {
      return mask < 0 ? OtpVerification.malformed() : OtpVerification.invalid();
    }
    return accept(credentialId, totp, mask, current, now);
  }

  /**
   * The asynchronous form of {@link #verify}, for replay stores that do I/O. The codes are
   * computed in the calling thread; the store is consulted asynchronously.
   *
   * @throws IllegalArgumentException at once for a bad {@code credentialId}
   */
  public CompletionStage<OtpVerification> verifyAsync(
      String credentialId, Totp totp, @Nullable CharSequence code) {
    requireIdentifier(credentialId, "credentialId");
    requireNonNull(totp, "totp");
    long now = clock.millis();
    long current = totp.stepAtMillis(now);
    long mask = totp.matchWindow(code, current);
    if (mask <= 0) {
      return CompletableFuture.completedFuture(
          mask < 0 ? OtpVerification.malformed() : OtpVerification.invalid());
    }
    return acceptAsync(credentialId, totp, mask, current, now);
  }

  /** Records the lowest matched step above the last accepted one, or reports a replay. */
  OtpVerification accept(String credentialId, Totp totp, long mask, long current, long now) {
    long first = current - totp.parameters().stepsBack();
    for (long m = mask; m != 0; m &= m - 1) {
      long step = first + Long.numberOfTrailingZeros(m);
      if (store.tryAdvance(credentialId, step, retainUntil(totp, step))) {
        return OtpVerification.verified(step, step - current);
      }
    }
    return replay(credentialId, first + Long.numberOfTrailingZeros(mask), current, now);
  }

  private CompletionStage<OtpVerification> acceptAsync(
      String credentialId, Totp totp, long mask, long current, long now) {
    long first = current - totp.parameters().stepsBack();
    if (mask == 0) {
      return CompletableFuture.completedFuture(null);
    }
    long step = first + Long.numberOfTrailingZeros(mask);
    return store
        .tryAdvanceAsync(credentialId, step, retainUntil(totp, step))
        .thenCompose(
            advanced -> {
              if (advanced) {
                return CompletableFuture.completedFuture(OtpVerification.verified(step, step - current));
              }
              long rest = mask & (mask - 1);
              if (rest != 0) {
                return acceptAsync(credentialId, totp, rest, current, now);
              }
              return CompletableFuture.completedFuture(null);
            })
        .thenCompose(
            v -> {
              if (v != null) {
                return CompletableFuture.completedFuture(v);
              }
              long lowest = first + Long.numberOfTrailingZeros(mask);
              return store
                  .lastAcceptedAsync(credentialId)
                  .thenApply(last -> replayed(credentialId, lowest, last, current, now));
            });
  }

  private OtpVerification replay(String credentialId, long step, long current, long now) {
    return replayed(credentialId, step, store.lastAccepted(credentialId), current, now);
  }

  private OtpVerification replayed(String credentialId, long step, long last, long current, long now) {
    OtpEvent event =
        new OtpEvent(OtpEvent.Type.REPLAY_REJECTED, credentialId, step, last, Instant.ofEpochMilli(now));
    Events.deliver(() -> listener.onEvent(event));
    return OtpVerification.replayed(step, step - current);
  }

  /**
   * Step {@code step} can be in the window only before (step + stepsBack + 1) steps have passed;
   * one more step of margin absorbs a store clock slightly behind the verifier's.
   */
  private static long retainUntil(Totp totp, long step) {
    return (step + totp.parameters().stepsBack() + 2) * totp.stepMillis();
  }

  /** The clock, for the services built on this verifier. */
  InstantSource clock() {
    return clock;
  }

  /** The replay store. */
  OtpReplayStore store() {
    return store;
  }

  /** The listener. */
  OtpEventListener listener() {
    return listener;
  }

  /** Builds a {@link TotpVerifier}. */
  public static final class Builder {
    private InstantSource clock = InstantSource.system();
    private @Nullable OtpReplayStore store;
    private OtpEventListener listener = OtpEventListener.logging();

    private Builder() {}

    /**
     * Sets the clock; the system clock by default. The default in-memory store uses the same
     * clock for its retention.
     */
    @CanIgnoreReturnValue
    public Builder clock(InstantSource clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the replay store; an in-memory {@link MemoryOtpReplayStore} by default. */
    @CanIgnoreReturnValue
    public Builder replayStore(OtpReplayStore store) {
      this.store = requireNonNull(store, "store");
      return this;
    }

    /** Sets the event listener; {@link OtpEventListener#logging()} by default. */
    @CanIgnoreReturnValue
    public Builder listener(OtpEventListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /** Returns the verifier. */
    public TotpVerifier build() {
      return new TotpVerifier(this);
    }
  }
}
