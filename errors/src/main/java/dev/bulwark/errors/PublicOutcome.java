package dev.bulwark.errors;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.errors.internal.Checks;
import dev.bulwark.errors.internal.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One public outcome of a surface: the status, headers and body a client sees, identical for every
 * internal reason mapped to it. The only per-response additions are the correlation ID header and,
 * where {@link #retryAfterAllowed()}, a {@code Retry-After} header.
 *
 * <p>Immutable and thread-safe. Equal when name, status, headers, body and the retry-after flag are
 * equal.
 */
public final class PublicOutcome {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

  /** The largest body an outcome may carry, in bytes. */
  public static final int MAX_BODY_BYTES = 4096;

  private final String name;
  private final int status;
  private final Map<String, String> headers;
  private final byte[] body;
  private final boolean retryAfterAllowed;

  private PublicOutcome(Builder b) {
    this.name = b.name;
    this.status = b.status;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
    this.body = b.body.clone();
    this.retryAfterAllowed = b.retryAfterAllowed;
  }

  /**
   * Returns a builder for an outcome named {@code name} (used in log lines, never sent).
   *
   * @throws IllegalArgumentException unless the name is 1 to 64 lower-case characters
   */
  public static Builder builder(String name) {
    Checks.requireNonNull(name, "name");
    Checks.requireArgument(
        NAME.matcher(name).matches(),
        "outcome name must match %s (lower-case, 1 to 64 characters)",
        NAME.pattern());
    return new Builder(name);
  }

  /** Returns the outcome's name, which appears in log lines and is never sent to a client. */
  public String name() {
    return name;
  }

  /** Returns the HTTP-style status code, 100 to 599. */
  public int status() {
    return status;
  }

  /** Returns the fixed headers in insertion order (unmodifiable). */
  public Map<String, String> headers() {
    return headers;
  }

  /** Returns a copy of the body bytes. */
  public byte[] body() {
    return body.clone();
  }

  byte[] bodyNoCopy() {
    return body;
  }

  /** Returns whether a rate-limited response with this outcome may carry {@code Retry-After}. */
  public boolean retryAfterAllowed() {
    return retryAfterAllowed;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof PublicOutcome p
        && p.name.equals(name)
        && p.status == status
        && p.headers.equals(headers)
        && Arrays.equals(p.body, body)
        && p.retryAfterAllowed == retryAfterAllowed;
  }

  /** Returns whether {@code other} looks the same on the wire: status, headers and body. */
  boolean sameOnTheWire(PublicOutcome other) {
    return other.status == status
        && other.headers.equals(headers)
        && Arrays.equals(other.body, body)
        && other.retryAfterAllowed == retryAfterAllowed;
  }

  @Override
  public int hashCode() {
    return (name.hashCode() * 31 + status) * 31 + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "PublicOutcome[%s, status=%d, headers=%s, body=%d bytes, retryAfterAllowed=%s]",
        name,
        status,
        headers.keySet(),
        body.length,
        retryAfterAllowed);
  }

  /** Builds a {@link PublicOutcome}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private int status = 400;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];
    private boolean retryAfterAllowed;

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Sets the status code (default 400).
     *
     * @throws IllegalArgumentException unless 100 to 599
     */
    @CanIgnoreReturnValue
    public Builder status(int status) {
      this.status = Checks.requireInRange("status", status, 100, 599);
      return this;
    }

    /**
     * Adds a fixed header. Names are case-insensitive tokens and may not repeat; values are
     * printable ASCII. {@code Retry-After} is added per response, never here.
     *
     * @throws IllegalArgumentException if the name or value is malformed, repeats, or is reserved
     */
    @CanIgnoreReturnValue
    public Builder header(String name, String value) {
      Headers.requireValidName(name);
      Headers.requireValidValue(name, value);
      String lower = name.toLowerCase(Locale.ROOT);
      Checks.requireArgument(
          !lower.equals(Headers.RETRY_AFTER.toLowerCase(Locale.ROOT)),
          "header Retry-After is added per response; use retryAfterAllowed(true) instead");
      Checks.requireArgument(
          headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase(name)),
          "header %s is already set",
          name);
      headers.put(name, value);
      return this;
    }

    /**
     * Sets the body to the UTF-8 bytes of {@code text}.
     *
     * @throws IllegalArgumentException if longer than {@link #MAX_BODY_BYTES}
     */
    @CanIgnoreReturnValue
    public Builder body(String text) {
      Checks.requireNonNull(text, "text");
      return body(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sets the body bytes (copied).
     *
     * @throws IllegalArgumentException if longer than {@link #MAX_BODY_BYTES}
     */
    @CanIgnoreReturnValue
    public Builder body(byte[] bytes) {
      Checks.requireNonNull(bytes, "bytes");
      Checks.requireInRange("body length", bytes.length, 0, MAX_BODY_BYTES);
      this.body = bytes.clone();
      return this;
    }

    /**
     * Lets rate-limited responses with this outcome carry {@code Retry-After}. {@link OutcomeTable}
     * accepts it only on a surface that allows it, and only on an outcome mapped from {@link
     * InternalReason#RATE_LIMITED} alone.
     */
    @CanIgnoreReturnValue
    public Builder retryAfterAllowed(boolean allowed) {
      this.retryAfterAllowed = allowed;
      return this;
    }

    /** Returns the outcome. */
    public PublicOutcome build() {
      return new PublicOutcome(this);
    }
  }
}
