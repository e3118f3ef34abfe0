package dev.bulwark.groups;

import dev.bulwark.groups.internal.Checks;
import java.security.MessageDigest;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Verification of a run of {@link LogEntry log entries} against a {@link SignedHead}, for clients
 * and auditors. Thread-safe (stateless).
 */
public final class ChangeLog {
  private ChangeLog() {}

  /**
   * The outcome of {@link #verify}.
   *
   * @param valid whether the head and every entry verified
   * @param firstInvalidVersion the version at which verification failed (see {@link #verify}), or
   *     -1 if all verified
   */
  public record Verification(boolean valid, long firstInvalidVersion) {
    static final Verification VALID = new Verification(true, -1);
  }

  /** {@link #verify(GroupId, byte[], byte[], List, SignedHead)} of a page's entries and head. */
  public static Verification verify(
      GroupId groupId, byte[] serverPublicKey, byte @Nullable [] anchor, LogPage page) {
    Checks.requireNonNull(page, "page");
    return verify(groupId, serverPublicKey, anchor, page.entries(), page.head());
  }

  /**
   * Verifies that {@code entries} are exactly {@code groupId}'s history up to {@code head}: the
   * head carries the server's valid signature for this group; the entries are consecutive versions
   * of this group, each holding a well-formed change for that group and version; the last entry is
   * at the head's version and its recomputed hash is the head's hash; each entry's recomputed hash
   * is the next entry's previous hash; and the first entry links to {@code anchor}. An empty run is
   * valid if {@code anchor} is {@code null} or the head's hash (the reader is up to date).
   *
   * <p>Entries past the head's version are <b>refused</b>, even if they link correctly: nothing the
   * server signed covers them. A run that stops before the head is refused too. On failure, {@code
   * firstInvalidVersion} is: the head's version if the head is not valid for this group; the
   * version of the first entry of another group, out of sequence or with a malformed change; the
   * head's version + 1 if the run goes past the head; the last entry's version + 1 if it stops
   * before the head; else, walking back from the head, the first entry whose hash is not the one
   * the head or the next entry names (it and every earlier entry are unauthenticated); else the
   * first entry, if it does not link to {@code anchor}.
   *
   * @param anchor the hash the first entry must link to: {@link LogEntry#genesisHash} when reading
   *     from version 1, the last hash the reader already trusts otherwise, or {@code null} to trust
   *     the first entry's link (a member reading from its join version for the first time)
   */
  public static Verification verify(
      GroupId groupId,
      byte[] serverPublicKey,
      byte @Nullable [] anchor,
      List<LogEntry> entries,
      SignedHead head) {
    Checks.requireNonNull(groupId, "groupId");
    Checks.requireNonNull(serverPublicKey, "serverPublicKey");
    Checks.requireNonNull(entries, "entries");
    Checks.requireNonNull(head, "head");
    if (!head.groupId().equals(groupId) || !head.verifies(serverPublicKey)) {
      return invalid(head.version());
    }
    if (entries.isEmpty()) {
      return anchor == null || head.hashEquals(anchor)
          ? Verification.VALID
          : invalid(head.version());
    }
    long expectedVersion = entries.get(0).version();
    for (LogEntry e : entries) {
      if (!e.groupId().equals(groupId)
          || e.version() != expectedVersion
          || !changeMatches(e, groupId)) {
        return invalid(e.version());
      }
      expectedVersion++;
    }
    LogEntry last = entries.get(entries.size() - 1);
    if (last.version() > head.version()) {
      return invalid(head.version() + 1);
    }
    if (last.version() < head.version()) {
      return invalid(last.version() + 1);
    }
    byte[] expectedHash = null;
    for (int i = entries.size() - 1; i >= 0; i--) {
      LogEntry e = entries.get(i);
      boolean matches =
          expectedHash == null
              ? head.hashEquals(e.hashRef())
              : MessageDigest.isEqual(e.hashRef(), expectedHash);
      if (!matches) {
        return invalid(e.version());
      }
      expectedHash = e.previousHash();
    }
    if (anchor != null && !entries.get(0).linksTo(anchor)) {
      return invalid(entries.get(0).version());
    }
    return Verification.VALID;
  }

  private static Verification invalid(long version) {
    return new Verification(false, version);
  }

  private static boolean changeMatches(LogEntry e, GroupId groupId) {
    try {
      GroupChange c = GroupChangeCodec.decode(e.change());
      return c.groupId().equals(groupId) && c.targetVersion() == e.version();
    } catch (MalformedEncodingException malformed) {
      return false;
    }
  }
}
