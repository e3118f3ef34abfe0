package dev.bulwark.groups;

import dev.bulwark.groups.internal.Checks;
import java.util.List;

/**
 * A page of a group's change log as {@link GroupServer#readLog} serves it: consecutive entries and
 * a {@link SignedHead} that covers them. The head is at the version of the last entry, or, for an
 * empty page (the reader is past the end), at the group's current version. Verify a page with
 * {@link ChangeLog#verify(GroupId, byte[], byte[], LogPage)}.
 *
 * @param entries the entries in version order (unmodifiable; may be empty)
 * @param head the signed head covering them
 */
public record LogPage(List<LogEntry> entries, SignedHead head) {
  /** Checks and copies the fields. */
  public LogPage {
    entries = List.copyOf(Checks.requireNonNull(entries, "entries"));
    Checks.requireNonNull(head, "head");
  }
}
