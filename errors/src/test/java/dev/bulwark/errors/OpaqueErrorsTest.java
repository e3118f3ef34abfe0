package dev.bulwark.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * A failure produces an opaque public response with a correlation ID, and one log line under that
 * ID holds the reason and the context; bad reasons and contexts never make it throw.
 */
class OpaqueErrorsTest {
  private final CapturingLogger log = new CapturingLogger();
  private final OpaqueErrors errors =
      OpaqueErrors.builder()
          .table(OutcomeTable.defaults(Surface.LOGIN))
          .table(OutcomeTable.defaults(Surface.KEY_FETCH))
          .logger(log)
          .build();

  @Test
  void theResponseCarriesTheOutcomeAndACorrelationIdAndTheLogLineCarriesTheReason() {
    PublicResponse r =
        errors.respond(Surface.LOGIN, InternalReason.LOCKED, "account 42 locked after 5 attempts");
    assertThat(r.status()).isEqualTo(401);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"error\":\"rejected\"}");
    assertThat(r.headers())
        .containsEntry("Content-Type", "application/json")
        .containsEntry("Cache-Control", "no-store")
        .containsEntry("X-Correlation-Id", r.correlationId().value());
    assertThat(r.correlationId().value()).hasSize(22).matches("[A-Za-z0-9_-]{22}");
    assertThat(log.only())
        .isEqualTo(
            "public failure surface=login outcome=rejected reason=LOCKED correlationId="
                + r.correlationId()
                + " retryAfter=- context=account 42 locked after 5 attempts");
    assertThat(log.lines.get(0).level()).isEqualTo(Level.INFO);
    assertThat(r.toString()).doesNotContain("LOCKED", "account 42");
  }

  @Test
  void internalErrorsAreLoggedAsWarningsWithTheirCause() {
    IllegalStateException cause = new IllegalStateException("store down");
    PublicResponse r =
        errors.respond(Surface.LOGIN, InternalReason.INTERNAL_ERROR, "reading hash", cause);
    assertThat(r.status()).isEqualTo(503);
    assertThat(log.lines.get(0).level()).isEqualTo(Level.WARN);
    assertThat(log.lines.get(0).cause()).isSameAs(cause);
  }

  @Test
  void correlationIdsAreFreshForEveryResponse() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      ids.add(
          errors.respond(Surface.LOGIN, InternalReason.WRONG_SECRET, null).correlationId().value());
    }
    assertThat(ids).doesNotHaveDuplicates();
  }

  @Test
  void aNullReasonIsAnInternalErrorAndNullContextIsLoggedAsADash() {
    PublicResponse r = errors.respond(Surface.LOGIN, null, null);
    assertThat(r.status()).isEqualTo(503);
    assertThat(log.only())
        .contains("reason=INTERNAL_ERROR (no reason given)")
        .endsWith("context=-");
  }

  @Test
  void aHugeContextIsTruncatedAndControlCharactersCannotForgeLogLines() {
    String huge = "x".repeat(5_000_000);
    errors.respond(Surface.LOGIN, InternalReason.MALFORMED, huge);
    assertThat(log.lines.get(0).message())
        .hasSizeLessThan(1_300)
        .endsWith("...(" + (5_000_000 - OpaqueErrors.MAX_CONTEXT_CHARS) + " more chars)");
    errors.respond(
        Surface.LOGIN, InternalReason.MALFORMED, "name=eve\n2026-12-04 INFO login ok user=admin");
    assertThat(log.lines.get(1).message())
        .doesNotContain("\n")
        .contains("name=eve\\u000a2026-12-04 INFO login ok user=admin");
  }

  @Test
  void retryAfterIsSentOnlyWhereTheSurfaceAllowsIt() {
    PublicResponse onKeyFetch =
        errors.rateLimited(Surface.KEY_FETCH, Duration.ofMillis(2_001), "client 10.0.0.1");
    assertThat(onKeyFetch.status()).isEqualTo(429);
    assertThat(onKeyFetch.headers()).containsEntry("Retry-After", "3");
    PublicResponse onLogin = errors.rateLimited(Surface.LOGIN, Duration.ofSeconds(30), null);
    assertThat(onLogin.status()).isEqualTo(429);
    assertThat(onLogin.headers()).doesNotContainKey("Retry-After");
    assertThat(log.lines.get(1).message()).contains("retryAfter=30s");
    assertThat(errors.rateLimited(Surface.KEY_FETCH, Duration.ofSeconds(-5), null).headers())
        .containsEntry("Retry-After", "0");
    assertThat(errors.rateLimited(Surface.KEY_FETCH, Duration.ofDays(400), null).headers())
        .containsEntry("Retry-After", "86400");
  }

  @Test
  void writeToCallsStatusHeadersThenBody() {
    PublicResponse r = errors.respond(Surface.LOGIN, InternalReason.WRONG_SECRET, null);
    List<String> calls = new ArrayList<>();
    Map<String, String> headers = new LinkedHashMap<>();
    r.writeTo(
        ResponseSink.of(
            status -> calls.add("status " + status),
            (name, value) -> {
              calls.add("header " + name);
              headers.put(name, value);
            },
            body -> calls.add("body " + body.length)));
    assertThat(calls)
        .containsExactly(
            "status 401",
            "header Content-Type",
            "header Cache-Control",
            "header X-Correlation-Id",
            "body 20");
    assertThat(headers).isEqualTo(r.headers());
  }

  @Test
  void misconfigurationIsRejectedWhenBuilt() {
    assertThatThrownBy(() -> OpaqueErrors.builder().build())
        .hasMessage("at least one outcome table is required");
    assertThatThrownBy(
            () ->
                OpaqueErrors.builder()
                    .table(OutcomeTable.defaults(Surface.LOGIN))
                    .table(OutcomeTable.defaults(Surface.LOGIN)))
        .hasMessage("surface login already has a table");
    assertThatThrownBy(() -> OpaqueErrors.builder().correlationHeader("Retry-After"))
        .hasMessage("correlation header must not be Retry-After");
    assertThatThrownBy(
            () ->
                OpaqueErrors.builder()
                    .table(OutcomeTable.defaults(Surface.LOGIN))
                    .correlationHeader("Cache-Control")
                    .build())
        .hasMessage(
            "outcome rejected on surface login sets the correlation header Cache-Control itself");
    assertThatThrownBy(
            () -> errors.respond(Surface.REGISTRATION, InternalReason.UNKNOWN_SUBJECT, null))
        .hasMessage("no outcome table for surface registration");
  }

  @Test
  void aCustomCorrelationHeaderIsUsed() {
    OpaqueErrors custom =
        OpaqueErrors.builder()
            .table(OutcomeTable.defaults(Surface.LOGIN))
            .correlationHeader("Request-Id")
            .logger(log)
            .build();
    PublicResponse r = custom.respond(Surface.LOGIN, InternalReason.DISABLED, null);
    assertThat(r.headers()).containsEntry("Request-Id", r.correlationId().value());
    assertThat(r.headers()).doesNotContainKey("X-Correlation-Id");
  }
}
