package dev.bulwark.errors;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.errors.internal.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The checked mapping from every {@link InternalReason} to one of a surface's {@link
 * PublicOutcome}s.
 *
 * <p>{@link Builder#build()} rejects, with a message naming the rule, a table in which:
 *
 * <ul>
 *   <li>some internal reason is not mapped (the mapping must be total);
 *   <li>a reason is mapped twice (it must be deterministic);
 *   <li>on an {@linkplain Surface#enumerationSensitive() enumeration-sensitive} surface, unknown
 *       subject, wrong secret, locked and disabled do not all map to the same outcome;
 *   <li>an outcome allows {@code Retry-After} on a surface that does not, or is mapped from any
 *       reason other than {@link InternalReason#RATE_LIMITED} (otherwise the header's presence
 *       would tell reasons apart).
 * </ul>
 *
 * <p>Looking up an outcome is one array read and allocates nothing. Immutable and thread-safe.
 */
public final class OutcomeTable {
  private static final InternalReason[] REASONS = InternalReason.values();

  private final Surface surface;
  private final PublicOutcome[] byReason;

  private OutcomeTable(Surface surface, PublicOutcome[] byReason) {
    this.surface = surface;
    this.byReason = byReason;
  }

  /** Returns a builder for {@code surface}'s table. */
  public static Builder builder(Surface surface) {
    return new Builder(Checks.requireNonNull(surface, "surface"));
  }

  /**
   * Returns a conventional table for {@code surface}: the existence-revealing reasons and {@code
   * EXPIRED} share one outcome ({@code 401}, or {@code 404} for lookups and key fetches, body
   * {@code {"error":"rejected"}}); rate limited is {@code 429} {@code too_many_requests} (with
   * {@code Retry-After} where the surface allows it); malformed is {@code 400} {@code bad_request};
   * internal error is {@code 503} {@code unavailable}. No body or outcome name repeats an internal
   * reason's name. Every body is JSON with {@code Content-Type: application/json} and {@code
   * Cache-Control: no-store}.
   */
  public static OutcomeTable defaults(Surface surface) {
    Checks.requireNonNull(surface, "surface");
    boolean lookup = surface.equals(Surface.ACCOUNT_LOOKUP) || surface.equals(Surface.KEY_FETCH);
    return builder(surface)
        .map(
            json("rejected", lookup ? 404 : 401, "{\"error\":\"rejected\"}").build(),
            InternalReason.UNKNOWN_SUBJECT,
            InternalReason.WRONG_SECRET,
            InternalReason.LOCKED,
            InternalReason.DISABLED,
            InternalReason.EXPIRED)
        .map(
            json("too_many_requests", 429, "{\"error\":\"too_many_requests\"}")
                .retryAfterAllowed(surface.retryAfterAllowed())
                .build(),
            InternalReason.RATE_LIMITED)
        .map(
            json("bad_request", 400, "{\"error\":\"bad_request\"}").build(),
            InternalReason.MALFORMED)
        .map(
            json("unavailable", 503, "{\"error\":\"unavailable\"}").build(),
            InternalReason.INTERNAL_ERROR)
        .build();
  }

  private static PublicOutcome.Builder json(String name, int status, String body) {
    return PublicOutcome.builder(name)
        .status(status)
        .header("Content-Type", "application/json")
        .header("Cache-Control", "no-store")
        .body(body);
  }

  /** Returns the surface this table belongs to. */
  public Surface surface() {
    return surface;
  }

  /** Returns the public outcome for {@code reason}; deterministic and allocation-free. */
  public PublicOutcome outcomeFor(InternalReason reason) {
    return byReason[reason.ordinal()];
  }

  /** Returns the distinct outcomes of this table, in the order of the reasons they serve. */
  public List<PublicOutcome> outcomes() {
    return List.copyOf(new LinkedHashSet<>(Arrays.asList(byReason)));
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("OutcomeTable[").append(surface.name());
    for (InternalReason r : REASONS) {
      sb.append(", ").append(r).append("->").append(byReason[r.ordinal()].name());
    }
    return sb.append(']').toString();
  }

  /** Builds an {@link OutcomeTable}; not thread-safe. */
  public static final class Builder {
    private final Surface surface;
    private final Map<InternalReason, PublicOutcome> mapping = new EnumMap<>(InternalReason.class);
    private final List<String> problems = new ArrayList<>();

    private Builder(Surface surface) {
      this.surface = surface;
    }

    /** Maps each of {@code reasons} to {@code outcome}. Problems are reported by {@link #build}. */
    @CanIgnoreReturnValue
    public Builder map(PublicOutcome outcome, InternalReason... reasons) {
      Checks.requireNonNull(outcome, "outcome");
      Checks.requireNonNull(reasons, "reasons");
      Checks.requireArgument(reasons.length > 0, "map() needs at least one internal reason");
      for (InternalReason reason : reasons) {
        Checks.requireNonNull(reason, "reason");
        PublicOutcome previous = mapping.putIfAbsent(reason, outcome);
        if (previous != null) {
          problems.add(
              String.format(
                  Locale.ROOT,
                  "%s is mapped twice (to %s and %s); a mapping must be deterministic",
                  reason,
                  previous.name(),
                  outcome.name()));
        }
      }
      return this;
    }

    /**
     * Returns the table.
     *
     * @throws IllegalArgumentException listing every rule the mapping breaks
     */
    public OutcomeTable build() {
      List<String> all = new ArrayList<>(problems);
      Set<InternalReason> missing = EnumSet.allOf(InternalReason.class);
      missing.removeAll(mapping.keySet());
      if (!missing.isEmpty()) {
        all.add("internal reasons " + missing + " are not mapped; every reason must map somewhere");
      }
      if (surface.enumerationSensitive()) {
        checkExistenceReasonsShareOneOutcome(all);
      }
      checkRetryAfter(all);
      Checks.requireArgument(
          all.isEmpty(),
          "outcome table for surface %s: %s",
          surface.name(),
          String.join("; ", all));
      PublicOutcome[] byReason = new PublicOutcome[REASONS.length];
      mapping.forEach((reason, outcome) -> byReason[reason.ordinal()] = outcome);
      return new OutcomeTable(surface, byReason);
    }

    private void checkExistenceReasonsShareOneOutcome(List<String> all) {
      PublicOutcome shared = null;
      for (InternalReason r : REASONS) {
        PublicOutcome o = mapping.get(r);
        if (!r.revealsExistence() || o == null) {
          continue;
        }
        if (shared == null) {
          shared = o;
        } else if (!shared.equals(o)) {
          all.add(
              "surface is enumeration-sensitive, so UNKNOWN_SUBJECT, WRONG_SECRET, LOCKED and"
                  + " DISABLED must map to the same outcome (found "
                  + shared.name()
                  + " and "
                  + o.name()
                  + ")");
          return;
        }
      }
    }

    private void checkRetryAfter(List<String> all) {
      mapping.forEach(
          (reason, outcome) -> {
            if (!outcome.retryAfterAllowed()) {
              return;
            }
            if (!surface.retryAfterAllowed()) {
              all.add(
                  "outcome "
                      + outcome.name()
                      + " allows Retry-After but the surface does not (its limit may depend on"
                      + " whether the subject exists)");
            } else if (reason != InternalReason.RATE_LIMITED) {
              all.add(
                  "outcome "
                      + outcome.name()
                      + " allows Retry-After, so it may be mapped from RATE_LIMITED only (found "
                      + reason
                      + ")");
            }
          });
    }
  }
}
