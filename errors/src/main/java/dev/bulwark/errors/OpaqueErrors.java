package dev.bulwark.errors;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.errors.internal.Checks;
import dev.bulwark.errors.internal.Headers;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns internal failures into opaque public responses and logs the detail under a correlation ID.
 *
 * <p>For every call it draws a fresh {@link CorrelationId} (128 bits from {@link SecureRandom}),
 * looks up the surface's {@link OutcomeTable}, builds the {@link PublicResponse} from the outcome
 * alone, and writes one SLF4J line with the surface, outcome, internal reason, correlation ID and
 * context. The reason and context go to that line and nowhere else. Calls never throw for a bad
 * reason or context: a {@code null} reason is treated as {@link InternalReason#INTERNAL_ERROR}, a
 * context longer than {@link #MAX_CONTEXT_CHARS} is truncated, and control characters in it are
 * escaped so a client-supplied value cannot forge log lines.
 *
 * <p><b>Retry-After.</b> {@link #rateLimited} adds {@code Retry-After} (whole seconds, rounded up,
 * at most one day) only if the surface's rate-limited outcome {@linkplain
 * PublicOutcome#retryAfterAllowed() allows it}; otherwise the delay is logged only. {@link
 * OutcomeTable} lets an outcome allow it only on surfaces whose limits cannot depend on whether a
 * subject exists.
 *
 * <p>Thread-safe; the tables are fixed when it is built.
 */
public final class OpaqueErrors {
  /** Contexts longer than this are truncated in the log line. */
  public static final int MAX_CONTEXT_CHARS = 1024;

  /** The default name of the correlation ID header. */
  public static final String DEFAULT_CORRELATION_HEADER = "X-Correlation-Id";

  private static final long MAX_RETRY_AFTER_SECONDS = 86_400;

  private final Map<Surface, OutcomeTable> tables;
  private final String correlationHeader;
  private final SecureRandom random;
  private final Logger logger;

  private OpaqueErrors(Builder b) {
    this.tables = Map.copyOf(b.tables);
    this.correlationHeader = b.correlationHeader;
    this.random = b.random;
    Logger given = b.logger;
    this.logger = given != null ? given : LoggerFactory.getLogger(OpaqueErrors.class);
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the public response for a failure of {@code reason} on {@code surface} and logs the
   * detail.
   *
   * @param context detail for the log line only (may be {@code null}); never put secrets in it
   * @throws IllegalArgumentException if {@code surface} has no table (a programming error)
   */
  public PublicResponse respond(
      Surface surface, @Nullable InternalReason reason, @Nullable String context) {
    return respond(surface, reason, context, null);
  }

  /**
   * Like {@link #respond(Surface, InternalReason, String)}, logging {@code cause} with its stack
   * trace.
   */
  public PublicResponse respond(
      Surface surface,
      @Nullable InternalReason reason,
      @Nullable String context,
      @Nullable Throwable cause) {
    return render(surface, reason, context, cause, null);
  }

  /**
   * Returns the public response for a rate-limited request; it carries {@code Retry-After} only
   * where the surface's rate-limited outcome allows it (see the class documentation).
   *
   * @param retryAfter how long until the caller may retry; negative values count as zero
   */
  public PublicResponse rateLimited(
      Surface surface, Duration retryAfter, @Nullable String context) {
    Checks.requireNonNull(retryAfter, "retryAfter");
    return render(surface, InternalReason.RATE_LIMITED, context, null, retryAfter);
  }

  /** Returns the table registered for {@code surface}. */
  public OutcomeTable table(Surface surface) {
    Checks.requireNonNull(surface, "surface");
    OutcomeTable table = tables.get(surface);
    Checks.requireArgument(table != null, "no outcome table for surface %s", surface.name());
    return table;
  }

  private PublicResponse render(
      Surface surface,
      @Nullable InternalReason given,
      @Nullable String context,
      @Nullable Throwable cause,
      @Nullable Duration retryAfter) {
    OutcomeTable table = table(surface);
    InternalReason reason = given == null ? InternalReason.INTERNAL_ERROR : given;
    PublicOutcome outcome = table.outcomeFor(reason);
    CorrelationId id = CorrelationId.random(random);
    Map<String, String> headers = new LinkedHashMap<>(outcome.headers());
    headers.put(correlationHeader, id.value());
    long retrySeconds = retryAfter == null ? -1 : retryAfterSeconds(retryAfter);
    if (retrySeconds >= 0 && outcome.retryAfterAllowed()) {
      headers.put(Headers.RETRY_AFTER, Long.toString(retrySeconds));
    }
    log(surface, outcome, reason, given == null, id, context, cause, retrySeconds);
    return new PublicResponse(outcome, id, headers);
  }

  private void log(
      Surface surface,
      PublicOutcome outcome,
      InternalReason reason,
      boolean reasonMissing,
      CorrelationId id,
      @Nullable String context,
      @Nullable Throwable cause,
      long retrySeconds) {
    Object[] args = {
      surface.name(),
      outcome.name(),
      reasonMissing ? "INTERNAL_ERROR (no reason given)" : reason,
      id.value(),
      retrySeconds < 0 ? "-" : retrySeconds + "s",
      sanitize(context),
      cause
    };
    String format =
        "public failure surface={} outcome={} reason={} correlationId={} retryAfter={} context={}";
    if (reason == InternalReason.INTERNAL_ERROR) {
      logger.warn(format, args);
    } else {
      logger.info(format, args);
    }
  }

  /** Returns {@code context} truncated and with control characters escaped, or "-" if null. */
  static String sanitize(@Nullable String context) {
    if (context == null) {
      return "-";
    }
    int keep = Math.min(context.length(), MAX_CONTEXT_CHARS);
    StringBuilder sb = new StringBuilder(keep + 32);
    for (int i = 0; i < keep; i++) {
      char c = context.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    if (context.length() > keep) {
      sb.append("...(").append(context.length() - keep).append(" more chars)");
    }
    return sb.toString();
  }

  private static long retryAfterSeconds(Duration retryAfter) {
    if (retryAfter.isNegative() || retryAfter.isZero()) {
      return 0;
    }
    long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
    return Math.min(seconds, MAX_RETRY_AFTER_SECONDS);
  }

  /** Builds {@link OpaqueErrors}; not thread-safe. */
  public static final class Builder {
    private final Map<Surface, OutcomeTable> tables = new HashMap<>();
    private String correlationHeader = DEFAULT_CORRELATION_HEADER;
    private SecureRandom random = new SecureRandom();
    private @Nullable Logger logger;

    private Builder() {}

    /**
     * Registers {@code table} for its surface.
     *
     * @throws IllegalArgumentException if the surface already has a table
     */
    @CanIgnoreReturnValue
    public Builder table(OutcomeTable table) {
      Checks.requireNonNull(table, "table");
      Checks.requireArgument(
          tables.putIfAbsent(table.surface(), table) == null,
          "surface %s already has a table",
          table.surface().name());
      return this;
    }

    /**
     * Sets the correlation ID header's name (default {@value #DEFAULT_CORRELATION_HEADER}).
     *
     * @throws IllegalArgumentException if not a header token, or {@code Retry-After}
     */
    @CanIgnoreReturnValue
    public Builder correlationHeader(String name) {
      Headers.requireValidName(name);
      Checks.requireArgument(
          !name.equalsIgnoreCase(Headers.RETRY_AFTER),
          "correlation header must not be Retry-After");
      this.correlationHeader = name;
      return this;
    }

    /** Sets the source of correlation IDs (default a new {@link SecureRandom}). */
    @CanIgnoreReturnValue
    public Builder random(SecureRandom random) {
      this.random = Checks.requireNonNull(random, "random");
      return this;
    }

    /** Sets the logger for the internal lines (default the logger named for this class). */
    @CanIgnoreReturnValue
    public Builder logger(Logger logger) {
      this.logger = Checks.requireNonNull(logger, "logger");
      return this;
    }

    /**
     * Returns the responder.
     *
     * @throws IllegalArgumentException if no table was registered, or a fixed header of some
     *     outcome has the correlation header's name
     */
    public OpaqueErrors build() {
      Checks.requireArgument(!tables.isEmpty(), "at least one outcome table is required");
      for (OutcomeTable t : tables.values()) {
        for (PublicOutcome o : t.outcomes()) {
          Checks.requireArgument(
              o.headers().keySet().stream().noneMatch(k -> k.equalsIgnoreCase(correlationHeader)),
              "outcome %s on surface %s sets the correlation header %s itself",
              o.name(),
              t.surface().name(),
              correlationHeader);
        }
      }
      return new OpaqueErrors(this);
    }
  }
}
