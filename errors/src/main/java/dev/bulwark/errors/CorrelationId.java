package dev.bulwark.errors;

import dev.bulwark.errors.internal.Checks;
import java.security.SecureRandom;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * A random 128-bit identifier that ties one public response to its internal log line. It carries no
 * information about the request: a client can quote it to support, and an operator can find the
 * detailed reason with it, but nobody can learn anything else from it.
 *
 * <p>Rendered as 22 characters of unpadded base64url. Immutable and thread-safe.
 */
public final class CorrelationId {
  /** The number of random bits in every correlation ID. */
  public static final int BITS = 128;

  private final String value;

  private CorrelationId(String value) {
    this.value = value;
  }

  /** Returns a fresh ID drawn from {@code random}, which must be a {@link SecureRandom}. */
  public static CorrelationId random(SecureRandom random) {
    Checks.requireNonNull(random, "random");
    byte[] bytes = new byte[BITS / 8];
    random.nextBytes(bytes);
    return new CorrelationId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** Returns the 22-character base64url rendering. */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof CorrelationId c && c.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** Returns {@link #value()}. */
  @Override
  public String toString() {
    return value;
  }
}
