package dev.bulwark.verification.memory;

import dev.bulwark.verification.spi.RecoveryCodeStore;
import dev.bulwark.verification.spi.RecoveryCodeStoreContract;

/** The {@link RecoveryCodeStore} contract for the in-memory store. */
class MemoryRecoveryCodeStoreTest extends RecoveryCodeStoreContract {
  @Override
  protected RecoveryCodeStore newStore() {
    return MemoryRecoveryCodeStore.create();
  }
}
