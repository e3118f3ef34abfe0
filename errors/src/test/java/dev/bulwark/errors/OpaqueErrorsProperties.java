package dev.bulwark.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The opaque-error guarantees, stated as properties over random surfaces, reasons and contexts. A
 * reviewer can read each method name as one sentence of the specification.
 */
class OpaqueErrorsProperties {
  private static final int EXAMPLES = 300;
  private static final Surface[] SURFACES = {
    Surface.LOGIN,
    Surface.REGISTRATION,
    Surface.VERIFICATION,
    Surface.ACCOUNT_LOOKUP,
    Surface.PASSWORD_RESET,
    Surface.KEY_FETCH
  };

  private static final CapturingLogger LOG = new CapturingLogger();
  private static final OpaqueErrors ERRORS = newErrors();

  private static OpaqueErrors newErrors() {
    OpaqueErrors.Builder b = OpaqueErrors.builder().logger(LOG);
    for (Surface s : SURFACES) {
      b.table(OutcomeTable.defaults(s));
    }
    return b.build();
  }

  private static Gen<Surface> surfaces() {
    return Generate.pick(List.of(SURFACES));
  }

  private static Gen<InternalReason> reasons() {
    return Generate.enumValues(InternalReason.class);
  }

  private static Gen<InternalReason> existenceRevealing() {
    return Generate.pick(
        List.of(
            InternalReason.UNKNOWN_SUBJECT,
            InternalReason.WRONG_SECRET,
            InternalReason.LOCKED,
            InternalReason.DISABLED));
  }

  private static Gen<String> contexts() {
    return strings().allPossible().ofLengthBetween(0, 300);
  }

  /**
   * The mapping is total and deterministic: every reason maps to an outcome, the same each time.
   */
  @Test
  void everyReasonMapsToExactlyOneOutcomeAndAlwaysTheSameOne() {
    qt().withExamples(EXAMPLES)
        .forAll(surfaces(), reasons(), contexts())
        .checkAssert(
            (surface, reason, context) -> {
              PublicResponse first = ERRORS.respond(surface, reason, context);
              PublicResponse second = ERRORS.respond(surface, reason, null);
              assertThat(first.outcome()).isNotNull().isSameAs(second.outcome());
              assertThat(first.outcome()).isSameAs(ERRORS.table(surface).outcomeFor(reason));
            });
  }

  /**
   * On an enumeration-sensitive surface, unknown subject, wrong secret, locked and disabled produce
   * byte-identical responses (status, headers, body), except for the correlation ID.
   */
  @Test
  void existenceRevealingReasonsGetByteIdenticalResponsesExceptTheCorrelationId() {
    qt().withExamples(EXAMPLES)
        .forAll(surfaces(), existenceRevealing(), existenceRevealing(), contexts())
        .checkAssert(
            (surface, a, b, context) -> {
              assertThat(surface.enumerationSensitive()).isTrue();
              PublicResponse ra = ERRORS.respond(surface, a, context);
              PublicResponse rb = ERRORS.respond(surface, b, "other " + context);
              assertThat(ra.status()).isEqualTo(rb.status());
              assertThat(ra.body()).isEqualTo(rb.body());
              assertThat(withoutCorrelationId(ra)).isEqualTo(withoutCorrelationId(rb));
              assertThat(List.copyOf(ra.headers().keySet()))
                  .isEqualTo(List.copyOf(rb.headers().keySet()));
              assertThat(ra.correlationId()).isNotEqualTo(rb.correlationId());
            });
  }

  private static Map<String, String> withoutCorrelationId(PublicResponse r) {
    Map<String, String> h = new LinkedHashMap<>(r.headers());
    h.remove(OpaqueErrors.DEFAULT_CORRELATION_HEADER);
    return h;
  }

  /**
   * No public response contains the internal reason's name or its context, in its body or its
   * headers; the log line under the response's correlation ID contains both.
   */
  @Test
  void noPublicResponseContainsTheReasonOrTheContextButTheLogLineDoes() {
    qt().withExamples(EXAMPLES)
        .forAll(
            surfaces(),
            reasons(),
            strings().basicLatinAlphabet().ofLengthBetween(12, 200),
            integers().between(0, 1_000_000))
        .checkAssert(
            (surface, reason, text, n) -> {
              String context = "ctx-" + n + "-" + text;
              LOG.lines.clear();
              PublicResponse r = ERRORS.respond(surface, reason, context);
              String wire =
                  r.status()
                      + " "
                      + r.headers()
                      + " "
                      + new String(r.body(), StandardCharsets.UTF_8);
              assertThat(wire).doesNotContain(reason.name()).doesNotContain(context);
              assertThat(wire.toLowerCase(Locale.ROOT))
                  .doesNotContain(reason.name().toLowerCase(Locale.ROOT));
              String line = LOG.only();
              assertThat(line)
                  .contains("correlationId=" + r.correlationId())
                  .contains("reason=" + reason.name())
                  .contains(OpaqueErrors.sanitize(context));
            });
  }

  /** Any context, however long or strange, yields a response and exactly one bounded log line. */
  @Test
  void anyContextYieldsAResponseAndOneBoundedLogLine() {
    qt().withExamples(100)
        .forAll(surfaces(), reasons(), strings().allPossible().ofLengthBetween(0, 20_000))
        .checkAssert(
            (surface, reason, context) -> {
              LOG.lines.clear();
              PublicResponse r = ERRORS.respond(surface, reason, context);
              assertThat(r.status()).isBetween(400, 599);
              assertThat(LOG.only()).hasSizeLessThan(OpaqueErrors.MAX_CONTEXT_CHARS * 6 + 300);
              assertThat(LOG.only()).doesNotContain("\n", "\r");
            });
  }
}
