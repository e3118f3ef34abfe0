package dev.bulwark.keys;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.keys.internal.Checks;
import java.time.Duration;

/**
 * When a {@link KeyRing} rotates by itself: when its primary is older than {@link #maxAge()} or has
 * sealed {@link #maxEncryptions()} messages on this node. Immutable.
 *
 * <p>The default encryption budget is 2^32, the limit NIST SP 800-38D sets for AES-GCM with random
 * 96-bit nonces. The count is kept per process: with N nodes encrypting under one ring, give each
 * node {@code budget / N}.
 */
public final class RotationPolicy {
  /** 2^32, the AES-GCM random-nonce invocation limit. */
  public static final long AES_GCM_RANDOM_NONCE_LIMIT = 1L << 32;

  private final Duration maxAge;
  private final long maxEncryptions;

  private RotationPolicy(Duration maxAge, long maxEncryptions) {
    this.maxAge = maxAge;
    this.maxEncryptions = maxEncryptions;
  }

  /** 90 days and 2^32 encryptions. */
  public static RotationPolicy defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The age at which the primary is replaced. */
  public Duration maxAge() {
    return maxAge;
  }

  /** The number of encryptions under one primary after which it is replaced. */
  public long maxEncryptions() {
    return maxEncryptions;
  }

  @Override
  public String toString() {
    return "RotationPolicy[maxAge=" + maxAge + ", maxEncryptions=" + maxEncryptions + "]";
  }

  /** Configures a {@link RotationPolicy}. */
  public static final class Builder {
    private Duration maxAge = Duration.ofDays(90);
    private long maxEncryptions = AES_GCM_RANDOM_NONCE_LIMIT;

    private Builder() {}

    /** Maximum primary age, 1 minute to 10 years; default 90 days. */
    @CanIgnoreReturnValue
    public Builder maxAge(Duration maxAge) {
      Checks.requireNonNull(maxAge, "maxAge");
      Checks.requireInRange("maxAge seconds", maxAge.toSeconds(), 60, 3650L * 86400);
      this.maxAge = maxAge;
      return this;
    }

    /** Maximum encryptions under one primary, 1 to 2^32; default 2^32. */
    @CanIgnoreReturnValue
    public Builder maxEncryptions(long maxEncryptions) {
      this.maxEncryptions =
          Checks.requireInRange("maxEncryptions", maxEncryptions, 1, AES_GCM_RANDOM_NONCE_LIMIT);
      return this;
    }

    /** The policy. */
    public RotationPolicy build() {
      return new RotationPolicy(maxAge, maxEncryptions);
    }
  }
}
