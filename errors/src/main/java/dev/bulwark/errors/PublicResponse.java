package dev.bulwark.errors;

import dev.bulwark.errors.internal.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a client receives for a failure: status, headers (the outcome's fixed headers, the
 * correlation ID header and, if allowed, {@code Retry-After}) and body bytes. Framework-neutral;
 * write it with {@link #writeTo(ResponseSink)}.
 *
 * <p>Two responses for reasons mapped to the same outcome differ only in the correlation ID (and in
 * {@code Retry-After}, which only rate-limited outcomes may carry). Immutable and thread-safe.
 */
public final class PublicResponse {
  private final PublicOutcome outcome;
  private final CorrelationId correlationId;
  private final Map<String, String> headers;

  PublicResponse(PublicOutcome outcome, CorrelationId correlationId, Map<String, String> headers) {
    this.outcome = outcome;
    this.correlationId = correlationId;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** Returns the status code. */
  public int status() {
    return outcome.status();
  }

  /** Returns every header, in the order they are written (unmodifiable). */
  public Map<String, String> headers() {
    return headers;
  }

  /** Returns a copy of the body bytes. */
  public byte[] body() {
    return outcome.body();
  }

  /** Returns the correlation ID, also present in {@link #headers()}. */
  public CorrelationId correlationId() {
    return correlationId;
  }

  /** Returns the public outcome this response renders. */
  public PublicOutcome outcome() {
    return outcome;
  }

  /** Writes status, then headers, then body to {@code sink}. */
  public void writeTo(ResponseSink sink) {
    Checks.requireNonNull(sink, "sink");
    sink.status(outcome.status());
    headers.forEach(sink::header);
    sink.body(outcome.body());
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "PublicResponse[status=%d, outcome=%s, correlationId=%s]",
        outcome.status(),
        outcome.name(),
        correlationId);
  }
}
