package dev.bulwark.storage.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audit events of the storage module on the SLF4J logger {@code dev.bulwark.storage.audit}. Events
 * carry operations, roles, reasons and counts only: never a payload, a key, a recipient (raw or
 * hashed) or a record ID.
 */
public final class Audit {
  private static final Logger LOG = LoggerFactory.getLogger("dev.bulwark.storage.audit");

  private Audit() {}

  /** An operation was refused by the access policy. */
  public static void denied(String operation, String role, String reason) {
    LOG.warn("storage.access.denied operation={} role={} reason={}", operation, role, reason);
  }

  /** A recipient's data keys were destroyed. */
  public static void shredded(int dataKeys, int records) {
    LOG.info("storage.shred dataKeys={} records={}", dataKeys, records);
  }

  /** A recipient's records were purged. */
  public static void purged(int records) {
    LOG.info("storage.purge records={}", records);
  }

  /** Data keys were moved to the primary key-encryption key. */
  public static void rewrapped(int rewrapped, int alreadyCurrent, int failed) {
    LOG.info(
        "storage.rewrap rewrapped={} alreadyCurrent={} failed={}",
        rewrapped,
        alreadyCurrent,
        failed);
  }

  /** Expired records and data keys were deleted. */
  public static void swept(int records, int dataKeys) {
    LOG.debug("storage.sweep records={} dataKeys={}", records, dataKeys);
  }

  /** A fetch met records it could not open. */
  public static void unreadable(int count) {
    LOG.warn("storage.fetch.unreadable records={}", count);
  }
}
