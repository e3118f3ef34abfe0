package dev.bulwark.storage.memory;

import dev.bulwark.storage.spi.BlobStore;
import dev.bulwark.storage.spi.contract.BlobStoreContract;

/** The in-memory blob store passes the blob store contract. */
class MemoryBlobStoreTest extends BlobStoreContract {
  private final MemoryBlobStore store = new MemoryBlobStore();

  @Override
  protected BlobStore store() {
    return store;
  }
}
