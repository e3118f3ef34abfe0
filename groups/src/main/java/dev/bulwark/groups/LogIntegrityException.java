package dev.bulwark.groups;

/**
 * Thrown by {@link GroupServer} when the log its {@link dev.bulwark.groups.spi.GroupStore} returns
 * is not the log the server wrote: the newest entry's seal matches neither the server's current key
 * nor any of its {@link GroupServer.Builder#retiredServerKeys retired keys} (the entry was
 * rewritten or forged in the store, or the store holds a log sealed by a key the server was not
 * given, such as a leaked key deliberately left out after a rotation). The server neither extends
 * nor signs such a log; nothing is stored when this is thrown. An alarm for the host's operators,
 * not an answer for a client. The message names the version only.
 */
public final class LogIntegrityException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for the entry at {@code version}. */
  public LogIntegrityException(long version) {
    super(
        "the stored log entry at version "
            + version
            + " is not sealed by any key this server holds");
  }
}
