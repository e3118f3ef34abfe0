package dev.bulwark.storage.memory;

import dev.bulwark.storage.spi.WrappedKeyStore;
import dev.bulwark.storage.spi.contract.WrappedKeyStoreContract;

/** The in-memory wrapped-key store passes the wrapped-key store contract. */
class MemoryWrappedKeyStoreTest extends WrappedKeyStoreContract {
  private final MemoryWrappedKeyStore store = new MemoryWrappedKeyStore();

  @Override
  protected WrappedKeyStore store() {
    return store;
  }
}
