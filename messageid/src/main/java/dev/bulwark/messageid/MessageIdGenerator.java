package dev.bulwark.messageid;

import static dev.bulwark.messageid.internal.Checks.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.security.SecureRandom;
import java.time.InstantSource;

/**
 * Generates time-ordered server message IDs: UUID version 7 (RFC 9562 section 5.7).
 *
 * <p><b>Layout.</b> 48 bits of Unix milliseconds, the version {@code 0111}, 12 bits {@code rand_a},
 * the variant {@code 10} and 62 bits {@code rand_b}. The 74 random bits come from a {@link
 * SecureRandom}.
 *
 * <p><b>Monotonic.</b> Every ID is greater (by {@link MessageId#compareTo}) than every earlier ID
 * of the same generator, even within one millisecond and even if the clock steps back: the
 * generator then keeps the last millisecond and treats the 74 random bits as a counter that it
 * advances by a random step of 1 to 2<sup>32</sup> (RFC 9562 section 6.2, method 2), so the next ID
 * is still unguessable. A fresh millisecond is seeded with 73 random bits (the top counter bit
 * clear), leaving room for at least 2<sup>40</sup> IDs per millisecond; should the counter
 * overflow, the generator moves to the next millisecond. A clock reading before 1970 counts as 0.
 *
 * <p>This class is thread-safe; {@link #next()} is serialized by a lock.
 */
public final class MessageIdGenerator {
  private static final long MAX_MILLIS = (1L << 48) - 1;
  private static final long RAND_B_MASK = (1L << 62) - 1;
  private static final long RAND_A_MASK = (1L << 12) - 1;

  private final InstantSource clock;
  private final SecureRandom random;
  private long lastMillis = -1;
  private long randA;
  private long randB;

  private MessageIdGenerator(Builder b) {
    this.clock = b.clock;
    this.random = b.random;
  }

  /** Returns a generator on the system clock and a new {@link SecureRandom}. */
  public static MessageIdGenerator create() {
    return builder().build();
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a new ID, greater than every ID this generator returned before. */
  public synchronized MessageId next() {
    long millis = Math.min(Math.max(clock.millis(), 0), MAX_MILLIS);
    if (millis > lastMillis) {
      seed(millis);
    } else if (!advanceCounter()) {
      if (lastMillis == MAX_MILLIS) {
        throw new IllegalStateException("the UUIDv7 timestamp space is exhausted");
      }
      seed(lastMillis + 1);
    }
    long msb = (lastMillis << 16) | (0x7L << 12) | randA;
    long lsb = (0b10L << 62) | randB;
    return MessageId.fromBits(msb, lsb);
  }

  private void seed(long millis) {
    lastMillis = millis;
    randA = random.nextInt(1 << 11); // top bit of the 74-bit counter clear
    randB = random.nextLong() & RAND_B_MASK;
  }

  /** Adds a random step to the 74-bit counter; false if it would overflow. */
  private boolean advanceCounter() {
    long step = 1 + (random.nextInt() & 0xFFFFFFFFL);
    long b = randB + step; // randB < 2^62 and step <= 2^32: no long overflow
    long a = randA + (b >>> 62);
    if (a > RAND_A_MASK) {
      return false;
    }
    randA = a;
    randB = b & RAND_B_MASK;
    return true;
  }

  /** Builds a {@link MessageIdGenerator}. */
  public static final class Builder {
    private InstantSource clock = InstantSource.system();
    private SecureRandom random = new SecureRandom();

    private Builder() {}

    /** Sets the wall clock; {@link InstantSource#system()} by default. */
    @CanIgnoreReturnValue
    public Builder clock(InstantSource clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the source of the random bits; a new {@link SecureRandom} by default. Only a {@code
     * SecureRandom} is accepted, so a predictable generator cannot be plugged in by accident.
     */
    @CanIgnoreReturnValue
    public Builder random(SecureRandom random) {
      this.random = requireNonNull(random, "random");
      return this;
    }

    /** Returns the generator. */
    public MessageIdGenerator build() {
      return new MessageIdGenerator(this);
    }
  }
}
