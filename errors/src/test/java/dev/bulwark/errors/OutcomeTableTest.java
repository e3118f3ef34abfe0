package dev.bulwark.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Misconfigured tables are rejected when they are built, with a message that names the rule. */
class OutcomeTableTest {
  private static final PublicOutcome REJECTED =
      PublicOutcome.builder("rejected").status(401).body("{\"error\":\"rejected\"}").build();
  private static final PublicOutcome LOCKED =
      PublicOutcome.builder("locked").status(423).body("{\"error\":\"locked\"}").build();
  private static final PublicOutcome OTHER = PublicOutcome.builder("other").status(400).build();
  private static final PublicOutcome SLOW_DOWN =
      PublicOutcome.builder("slow_down").status(429).retryAfterAllowed(true).build();

  /** Returns every internal reason except {@code taken}. */
  private static InternalReason[] allBut(InternalReason... taken) {
    EnumSet<InternalReason> rest = EnumSet.allOf(InternalReason.class);
    rest.removeAll(List.of(taken));
    return rest.toArray(new InternalReason[0]);
  }

  @Test
  void aTableThatMissesAReasonIsRejectedNamingIt() {
    assertThatThrownBy(
            () ->
                OutcomeTable.builder(Surface.LOGIN)
                    .map(
                        REJECTED,
                        InternalReason.UNKNOWN_SUBJECT,
                        InternalReason.WRONG_SECRET,
                        InternalReason.LOCKED,
                        InternalReason.DISABLED)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("surface login")
        .hasMessageContaining("[EXPIRED, RATE_LIMITED, MALFORMED, INTERNAL_ERROR] are not mapped");
  }

  @Test
  void aReasonMappedTwiceIsRejected() {
    assertThatThrownBy(
            () ->
                OutcomeTable.builder(Surface.of("export", false, false))
                    .map(REJECTED, InternalReason.values())
                    .map(OTHER, InternalReason.MALFORMED)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MALFORMED is mapped twice (to rejected and other)");
  }

  @Test
  void anEnumerationSensitiveSurfaceMustNotTellLockedApart() {
    assertThatThrownBy(
            () ->
                OutcomeTable.builder(Surface.LOGIN)
                    .map(REJECTED, allBut(InternalReason.LOCKED))
                    .map(LOCKED, InternalReason.LOCKED)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "UNKNOWN_SUBJECT, WRONG_SECRET, LOCKED and DISABLED must map to the same outcome"
                + " (found rejected and locked)");
  }

  @Test
  void anOutcomeThatLooksTheSameButIsNamedDifferentlyIsStillASplit() {
    PublicOutcome twin =
        PublicOutcome.builder("twin").status(401).body("{\"error\":\"rejected\"}").build();
    assertThatThrownBy(
            () ->
                OutcomeTable.builder(Surface.ACCOUNT_LOOKUP)
                    .map(REJECTED, InternalReason.UNKNOWN_SUBJECT)
                    .map(twin, allBut(InternalReason.UNKNOWN_SUBJECT))
                    .build())
        .hasMessageContaining("must map to the same outcome");
  }

  @Test
  void aSurfaceThatIsNotSensitiveMayTellLockedApart() {
    OutcomeTable table =
        OutcomeTable.builder(Surface.of("admin_console", false, false))
            .map(REJECTED, allBut(InternalReason.LOCKED))
            .map(LOCKED, InternalReason.LOCKED)
            .build();
    assertThat(table.outcomeFor(InternalReason.LOCKED)).isEqualTo(LOCKED);
    assertThat(table.outcomes()).containsExactlyInAnyOrder(REJECTED, LOCKED);
  }

  @Test
  void retryAfterIsRejectedOnASurfaceThatDoesNotAllowIt() {
    assertThatThrownBy(
            () ->
                OutcomeTable.builder(Surface.LOGIN)
                    .map(SLOW_DOWN, InternalReason.RATE_LIMITED)
                    .map(REJECTED, allBut(InternalReason.RATE_LIMITED))
                    .build())
        .hasMessageContaining("outcome slow_down allows Retry-After but the surface does not");
  }

  @Test
  void retryAfterIsRejectedOnAnOutcomeSharedWithAnotherReason() {
    assertThatThrownBy(
            () ->
                OutcomeTable.builder(Surface.KEY_FETCH)
                    .map(SLOW_DOWN, InternalReason.RATE_LIMITED, InternalReason.INTERNAL_ERROR)
                    .map(
                        REJECTED,
                        allBut(InternalReason.RATE_LIMITED, InternalReason.INTERNAL_ERROR))
                    .build())
        .hasMessageContaining("may be mapped from RATE_LIMITED only (found INTERNAL_ERROR)");
  }

  @Test
  void defaultsAreValidForEverySurfaceAndLookupsAnswer404() {
    for (Surface s :
        new Surface[] {
          Surface.LOGIN,
          Surface.REGISTRATION,
          Surface.VERIFICATION,
          Surface.ACCOUNT_LOOKUP,
          Surface.PASSWORD_RESET,
          Surface.KEY_FETCH,
          Surface.of("custom", true, true)
        }) {
      OutcomeTable t = OutcomeTable.defaults(s);
      assertThat(t.outcomeFor(InternalReason.RATE_LIMITED).retryAfterAllowed())
          .isEqualTo(s.retryAfterAllowed());
    }
    assertThat(OutcomeTable.defaults(Surface.LOGIN).outcomeFor(InternalReason.LOCKED).status())
        .isEqualTo(401);
    assertThat(
            OutcomeTable.defaults(Surface.ACCOUNT_LOOKUP)
                .outcomeFor(InternalReason.UNKNOWN_SUBJECT)
                .status())
        .isEqualTo(404);
    assertThat(OutcomeTable.defaults(Surface.LOGIN).toString())
        .contains("LOCKED->rejected", "RATE_LIMITED->too_many_requests");
  }

  @Test
  void badOutcomesAndSurfacesAreRejectedWithTheRule() {
    assertThatThrownBy(() -> PublicOutcome.builder("Bad Name"))
        .hasMessageContaining("outcome name must match");
    assertThatThrownBy(() -> PublicOutcome.builder("x").status(99))
        .hasMessage("status must be between 100 and 599, got 99");
    assertThatThrownBy(() -> PublicOutcome.builder("x").header("X-A", "line\r\nInjected: 1"))
        .hasMessage("value of header X-A must be at most 1024 printable ASCII characters");
    assertThatThrownBy(() -> PublicOutcome.builder("x").header("Bad Header", "v"))
        .hasMessageContaining("header name must be a token");
    assertThatThrownBy(() -> PublicOutcome.builder("x").header("retry-after", "5"))
        .hasMessageContaining("use retryAfterAllowed(true) instead");
    assertThatThrownBy(() -> PublicOutcome.builder("x").header("A", "1").header("a", "2"))
        .hasMessage("header a is already set");
    assertThatThrownBy(() -> PublicOutcome.builder("x").body(new byte[4097]))
        .hasMessage("body length must be between 0 and 4096, got 4097");
    assertThatThrownBy(() -> Surface.of("", true, false))
        .hasMessageContaining("surface name must match");
    assertThatThrownBy(() -> Surface.of("x".repeat(65), true, false))
        .hasMessageContaining("surface name must match");
    assertThatThrownBy(() -> OutcomeTable.builder(Surface.LOGIN).map(REJECTED))
        .hasMessage("map() needs at least one internal reason");
    assertThatThrownBy(
            () -> OutcomeTable.builder(Surface.LOGIN).map(REJECTED, (InternalReason) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("reason must not be null");
  }

  @Test
  void outcomesAreImmutable() {
    byte[] body = {1, 2, 3};
    PublicOutcome o = PublicOutcome.builder("x").body(body).build();
    body[0] = 9;
    o.body()[1] = 9;
    assertThat(o.body()).containsExactly(1, 2, 3);
    assertThatThrownBy(() -> o.headers().put("a", "b"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
