package dev.bulwark.verification.memory;

import dev.bulwark.verification.spi.TotpCredentialStore;
import dev.bulwark.verification.spi.TotpCredentialStoreContract;
import java.time.InstantSource;

/** The {@link TotpCredentialStore} contract for the in-memory store. */
class MemoryTotpCredentialStoreTest extends TotpCredentialStoreContract {
  @Override
  protected TotpCredentialStore newStore(InstantSource clock) {
    return MemoryTotpCredentialStore.builder().clock(clock).build();
  }
}
