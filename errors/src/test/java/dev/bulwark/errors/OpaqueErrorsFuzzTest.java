package dev.bulwark.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fuzz test of the error path's untrusted inputs. In the normal build it replays the committed
 * seeds under {@code src/test/resources/dev/bulwark/errors/OpaqueErrorsFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} Jazzer explores further. The first byte picks the surface and the reason
 * (or none), the rest is the context, read as UTF-8.
 */
class OpaqueErrorsFuzzTest {
  private static final Surface[] SURFACES = {Surface.LOGIN, Surface.KEY_FETCH};
  private static final CapturingLogger LOG = new CapturingLogger();
  private static final OpaqueErrors ERRORS =
      OpaqueErrors.builder()
          .table(OutcomeTable.defaults(Surface.LOGIN))
          .table(OutcomeTable.defaults(Surface.KEY_FETCH))
          .logger(LOG)
          .build();

  /**
   * Whatever the reason and context, the response is exactly its outcome's fixed status, headers
   * and body plus a correlation ID (so nothing of the context reaches the client), and exactly one
   * log line of bounded length, without line breaks, is written.
   */
  @FuzzTest(maxDuration = "30s")
  void theResponseDependsOnlyOnTheOutcomeAndTheLogLineIsOneBoundedLine(byte[] input) {
    int selector = input.length == 0 ? 0 : input[0] & 0xff;
    Surface surface = SURFACES[selector & 1];
    int r = (selector >>> 1) % (InternalReason.values().length + 1);
    InternalReason reason = r == InternalReason.values().length ? null : InternalReason.values()[r];
    String context =
        input.length <= 1
            ? null
            : new String(Arrays.copyOfRange(input, 1, input.length), StandardCharsets.UTF_8);
    LOG.lines.clear();

    PublicResponse response = ERRORS.respond(surface, reason, context);

    PublicOutcome expected =
        ERRORS.table(surface).outcomeFor(reason == null ? InternalReason.INTERNAL_ERROR : reason);
    assertThat(response.outcome()).isSameAs(expected);
    assertThat(response.status()).isEqualTo(expected.status());
    assertThat(response.body()).isEqualTo(expected.body());
    Map<String, String> headers = new LinkedHashMap<>(response.headers());
    assertThat(headers.remove(OpaqueErrors.DEFAULT_CORRELATION_HEADER))
        .isEqualTo(response.correlationId().value());
    assertThat(headers).isEqualTo(expected.headers());
    String line = LOG.only();
    assertThat(line).doesNotContain("\n", "\r", "\u2028", "\u2029");
    assertThat(line.length()).isLessThan(OpaqueErrors.MAX_CONTEXT_CHARS * 6 + 300);
  }
}
