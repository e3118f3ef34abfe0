package dev.bulwark.examples.server;

import dev.bulwark.storage.spi.BlobStore;
import dev.bulwark.storage.spi.WrappedKeyStore;
import java.util.List;

/**
 * What someone who copies the message queue's backing storage (a database dump, a backup, a
 * replica) walks away with: the copied blob and wrapped-key stores, and every stored record's raw
 * bytes as the storage holds them. Closing it drops the copy.
 *
 * @param blobs the copied sealed records
 * @param keys the copied wrapped data keys
 * @param rawRecords each stored record's bytes as they lie in the storage
 * @param release drops the copy
 */
public record CopiedQueue(
    BlobStore blobs, WrappedKeyStore keys, List<byte[]> rawRecords, Runnable release)
    implements AutoCloseable {

  /** Copies the list. */
  public CopiedQueue {
    rawRecords = List.copyOf(rawRecords);
  }

  /**
   * Copies a message queue's backing stores, as an insider with access to the storage would. The
   * server never calls it; the simulation's stolen-dump scenario does.
   */
  @FunctionalInterface
  public interface Copier {
    /** A copy of the stores as they are now. */
    CopiedQueue copy();
  }

  @Override
  public void close() {
    release.run();
  }
}
