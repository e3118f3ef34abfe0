package dev.bulwark.storage;

import java.util.List;

/**
 * What {@link EphemeralStore#fetch} found, in arrival order: the records it could open, and the IDs
 * of those it could not with the reason (so a recipient can acknowledge them away; nothing is
 * deleted by a failed fetch).
 *
 * @param records the opened records, oldest first
 * @param unreadable the records that failed to open, oldest first
 */
public record FetchResult(List<StoredRecord> records, List<UnreadableRecord> unreadable) {
  /** Copies both lists. */
  public FetchResult {
    records = List.copyOf(records);
    unreadable = List.copyOf(unreadable);
  }

  /**
   * A record that could not be opened.
   *
   * @param id its ID
   * @param reason why it could not be opened
   */
  public record UnreadableRecord(RecordId id, UnreadableReason reason) {}
}
