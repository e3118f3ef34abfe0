package dev.bulwark.groups;

import dev.bulwark.groups.internal.Checks;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Verification of a run of {@link LogEntry log entries}, for clients and auditors. Thread-safe
 * (stateless).
 */
public final class ChangeLog {
  private ChangeLog() {}

  /**
   * The outcome of {@link #verify}.
   *
   * @param valid whether every entry verified
   * @param firstInvalidVersion the version of the first entry that failed, or -1 if all verified
   */
  public record Verification(boolean valid, long firstInvalidVersion) {
    static final Verification VALID = new Verification(true, -1);
  }

  /**
   * Verifies that {@code entries} are consecutive versions of {@code groupId}'s log, each carrying
   * the server's valid signature over its recomputed hash, each linking to the previous entry's
   * hash, the first linking to {@code anchor}, and each holding a well-formed change for that group
   * and version.
   *
   * @param anchor the hash the first entry must link to: {@link LogEntry#genesisHash} when reading
   *     from version 1, the last hash the reader already trusts otherwise, or {@code null} to trust
   *     the first entry's link (a member reading from its join version for the first time)
   */
  public static Verification verify(
      GroupId groupId, byte[] serverPublicKey, byte @Nullable [] anchor, List<LogEntry> entries) {
    Checks.requireNonNull(groupId, "groupId");
    Checks.requireNonNull(serverPublicKey, "serverPublicKey");
    Checks.requireNonNull(entries, "entries");
    byte[] expectedPrevious = anchor;
    long expectedVersion = entries.isEmpty() ? -1 : entries.get(0).version();
    for (LogEntry e : entries) {
      boolean ok =
          e.groupId().equals(groupId)
              && e.version() == expectedVersion
              && (expectedPrevious == null || e.linksTo(expectedPrevious))
              && e.serverSignatureVerifies(serverPublicKey)
              && changeMatches(e, groupId);
      if (!ok) {
        return new Verification(false, e.version());
      }
      expectedPrevious = e.hash();
      expectedVersion++;
    }
    return Verification.VALID;
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
