package dev.bulwark.groups;

import dev.bulwark.groups.internal.Checks;

/**
 * The outcome of {@link GroupServer#apply(GroupChange)}: applied, a version conflict, or refused.
 * Only {@link Applied} changed stored state.
 */
public sealed interface ApplyResult {

  /** Whether the change was applied and stored. */
  default boolean isApplied() {
    return this instanceof Applied;
  }

  /**
   * The change was authorized, validated, stored by compare-and-set and logged.
   *
   * @param state the new state
   * @param logEntry the log entry appended for it
   */
  record Applied(GroupState state, LogEntry logEntry) implements ApplyResult {
    /** Checks the fields. */
    public Applied {
      Checks.requireNonNull(state, "state");
      Checks.requireNonNull(logEntry, "logEntry");
    }
  }

  /**
   * The change targets a version other than current + 1 (a stale, replayed or concurrent change).
   * Given only to authors who are members of the current state, so it discloses nothing to
   * outsiders.
   *
   * @param current the current state, for the client to rebase on
   */
  record Conflict(GroupState current) implements ApplyResult {
    /** Checks the field. */
    public Conflict {
      Checks.requireNonNull(current, "current");
    }
  }

  /**
   * The change was refused; nothing was stored.
   *
   * @param reason why
   * @param actionIndex the index of the refused action, or -1 if the refusal is not about one
   */
  record Refused(Refusal reason, int actionIndex) implements ApplyResult {
    /** Checks the fields. */
    public Refused {
      Checks.requireNonNull(reason, "reason");
      Checks.requireInRange("actionIndex", actionIndex, -1, GroupChange.MAX_ACTIONS);
    }
  }
}
