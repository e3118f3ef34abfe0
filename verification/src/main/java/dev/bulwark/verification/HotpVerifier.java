package dev.bulwark.verification;

import static dev.bulwark.verification.internal.Checks.requireArgument;
import static dev.bulwark.verification.internal.Checks.requireIdentifier;
import static dev.bulwark.verification.internal.Checks.requireInRange;
import static dev.bulwark.verification.internal.Checks.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.verification.internal.Events;
import dev.bulwark.verification.memory.MemoryOtpReplayStore;
import dev.bulwark.verification.spi.OtpReplayStore;
import dev.bulwark.verification.spi.VerificationStoreException;
import java.time.Instant;
import java.time.InstantSource;
import org.jspecify.annotations.Nullable;

/**
 * Accepts HOTP codes (RFC 4226) with a look-ahead window, advancing each credential's counter
 * atomically so that every counter is accepted at most once.
 *
 * <p>The {@link OtpReplayStore} holds the last accepted counter of each credential (kept forever:
 * HOTP counters must be durable, so production hosts use a persistent store). A verification
 * checks the counters after it, {@code lookAhead} of them, computing every one without early exit;
 * a match at counter {@code c} raises the record to {@code c} by an atomic test-and-set. A code
 * equal to the last accepted counter's is reported as {@link OtpVerificationStatus#REPLAYED}.
 *
 * <p>A token that drifted beyond the look-ahead window is brought back by {@link #resynchronize}
 * with two consecutive codes, searched in a larger window (RFC 4226 section 7.4).
 *
 * <p>This class is thread-safe.
 */
public final class HotpVerifier {
  /** The default look-ahead window. */
  public static final int DEFAULT_LOOK_AHEAD = 5;

  /** The most counters a look-ahead window may hold. */
  public static final int MAX_LOOK_AHEAD = 50;

  /** The default resynchronization window. */
  public static final int DEFAULT_RESYNC_WINDOW = 100;

  /** The largest resynchronization window. */
  public static final int MAX_RESYNC_WINDOW = 1000;

  private static final int CHUNK = 62;

  private final InstantSource clock;
  private final OtpReplayStore store;
  private final OtpEventListener listener;
  private final int lookAhead;
  private final int resyncWindow;

  private HotpVerifier(Builder b) {
    this.clock = b.clock;
    this.store = b.store != null ? b.store : MemoryOtpReplayStore.builder().clock(b.clock).build();
    this.listener = b.listener;
    this.lookAhead = b.lookAhead;
    this.resyncWindow = b.resyncWindow;
    requireArgument(
        resyncWindow > lookAhead,
        "resyncWindow (%d) must be larger than lookAhead (%d)",
        resyncWindow,
        lookAhead);
  }

  /** Returns a verifier with a look-ahead of 5, an in-memory store and a logging listener. */
  public static HotpVerifier create() {
    return builder().build();
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sets the first counter a new credential accepts; by default a credential starts at 0.
   *
   * @return whether the counter was set; {@code false} if the credential has already accepted a
   *     counter at or above {@code counter - 1}
   * @throws IllegalArgumentException if {@code counter} is negative or the ID is malformed
   */
  @CanIgnoreReturnValue
  public boolean initialize(String credentialId, long counter) {
    requireIdentifier(credentialId, "credentialId");
    requireArgument(counter >= 0, "counter must not be negative, got %d", counter);
    return counter == 0 || store.tryAdvance(credentialId, counter - 1, Long.MAX_VALUE);
  }

  /**
   * Returns the next counter the credential expects: one past the last accepted, or 0.
   *
   * @throws VerificationStoreException if the store cannot answer
   */
  public long nextCounter(String credentialId) {
    requireIdentifier(credentialId, "credentialId");
    return next(store.lastAccepted(credentialId));
  }

  /**
   * Verifies {@code code} against the {@code lookAhead} counters from the next expected one.
   *
   * @param code the user's input; anything but exactly {@code digits} ASCII digits is {@link
   *     OtpVerificationStatus#MALFORMED} and changes nothing
   * @throws IllegalArgumentException if {@code credentialId} is malformed
   * @throws VerificationStoreException if the store cannot answer; nothing is accepted
   */
  public OtpVerification verify(String credentialId, Hotp hotp, @Nullable CharSequence code) {
    requireIdentifier(credentialId, "credentialId");
    requireNonNull(hotp, "hotp");
    long last = store.lastAccepted(credentialId);
    long next = next(last);
    // The last accepted counter is checked too, only to tell a replay from a wrong code.
    boolean hasLast = last != OtpReplayStore.NONE;
    long first = hasLast ? last : 0;
    long mask = hotp.matchRange(code, first, lookAhead + (hasLast ? 1 : 0));
    if (mask <= 0) {
      return mask < 0 ? OtpVerification.malformed() : OtpVerification.invalid();
    }
    long ahead = hasLast ? mask >>> 1 : mask;
    for (long m = ahead; m != 0; m &= m - 1) {
      long counter = next + Long.numberOfTrailingZeros(m);
      if (store.tryAdvance(credentialId, counter, Long.MAX_VALUE)) {
        return OtpVerification.verified(counter, counter - next);
      }
    }
    long matched = (mask & 1) != 0 && hasLast ? last : next + Long.numberOfTrailingZeros(ahead);
    emit(OtpEvent.Type.REPLAY_REJECTED, credentialId, matched, store.lastAccepted(credentialId));
    return OtpVerification.replayed(matched, matched - next);
  }

  /**
   * Resynchronizes a token whose counter ran ahead of the server's: searches the {@code
   * resyncWindow} counters from the next expected one for {@code first} followed at once by {@code
   * second}, and on success accepts both (the counter moves past {@code second}).
   *
   * @return {@code VERIFIED} with the counter of {@code second} and its drift, {@code INVALID} if no
   *     consecutive pair matched, {@code MALFORMED} if either input is malformed, {@code REPLAYED}
   *     if a concurrent verification advanced the counter first
   * @throws VerificationStoreException if the store cannot answer
   */
  public OtpVerification resynchronize(
      String credentialId, Hotp hotp, @Nullable CharSequence first, @Nullable CharSequence second) {
    requireIdentifier(credentialId, "credentialId");
    requireNonNull(hotp, "hotp");
    long next = next(store.lastAccepted(credentialId));
    long found = -1;
    boolean malformed = false;
    for (int offset = 0; offset < resyncWindow; offset += CHUNK) {
      int count = Math.min(CHUNK, resyncWindow - offset);
      long a = hotp.matchRange(first, next + offset, count);
      long b = hotp.matchRange(second, next + offset + 1, count);
      if (a < 0 || b < 0) {
        malformed = true;
        break;
      }
      long both = a & b;
      if (both != 0 && found < 0) {
        found = next + offset + Long.numberOfTrailingZeros(both);
      }
    }
    if (malformed) {
      return OtpVerification.malformed();
    }
    if (found < 0) {
      return OtpVerification.invalid();
    }
    long counter = found + 1;
    if (!store.tryAdvance(credentialId, counter, Long.MAX_VALUE)) {
      emit(OtpEvent.Type.REPLAY_REJECTED, credentialId, counter, store.lastAccepted(credentialId));
      return OtpVerification.replayed(counter, counter - next);
    }
    emit(OtpEvent.Type.HOTP_RESYNCHRONIZED, credentialId, counter, counter);
    return OtpVerification.verified(counter, counter - next);
  }

  private static long next(long last) {
    return last == OtpReplayStore.NONE ? 0 : last + 1;
  }

  private void emit(OtpEvent.Type type, String credentialId, long step, long last) {
    OtpEvent event = new OtpEvent(type, credentialId, step, last, Instant.ofEpochMilli(clock.millis()));
    Events.deliver(() -> listener.onEvent(event));
  }

  /** Builds a {@link HotpVerifier}. */
  public static final class Builder {
    private InstantSource clock = InstantSource.system();
    private @Nullable OtpReplayStore store;
    private OtpEventListener listener = OtpEventListener.logging();
    private int lookAhead = DEFAULT_LOOK_AHEAD;
    private int resyncWindow = DEFAULT_RESYNC_WINDOW;

    private Builder() {}

    /** Sets the clock used for event times; the system clock by default. */
    @CanIgnoreReturnValue
    public Builder clock(InstantSource clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the counter store; an in-memory store by default (not durable: tests and demos only). */
    @CanIgnoreReturnValue
    public Builder counterStore(OtpReplayStore store) {
      this.store = requireNonNull(store, "store");
      return this;
    }

    /** Sets the event listener; {@link OtpEventListener#logging()} by default. */
    @CanIgnoreReturnValue
    public Builder listener(OtpEventListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /** Sets how many counters from the next expected one are accepted, 1 to 50; 5 by default. */
    @CanIgnoreReturnValue
    public Builder lookAhead(int counters) {
      this.lookAhead = requireInRange("lookAhead", counters, 1, MAX_LOOK_AHEAD);
      return this;
    }

    /** Sets the resynchronization window, 2 to 1000 counters; 100 by default. */
    @CanIgnoreReturnValue
    public Builder resyncWindow(int counters) {
      this.resyncWindow = requireInRange("resyncWindow", counters, 2, MAX_RESYNC_WINDOW);
      return this;
    }

    /**
     * Returns the verifier.
     *
     * @throws IllegalArgumentException if the resync window is not larger than the look-ahead
     */
    public HotpVerifier build() {
      return new HotpVerifier(this);
    }
  }
}
