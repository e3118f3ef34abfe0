package dev.bulwark.ratelimit.memory;

import dev.bulwark.ratelimit.spi.ContractClock;
import dev.bulwark.ratelimit.spi.LockoutStore;
import dev.bulwark.ratelimit.spi.LockoutStoreContract;

/** {@link MemoryLockoutStore} against the {@link LockoutStore} contract. */
class MemoryLockoutStoreContractTest extends LockoutStoreContract {
  @Override
  protected LockoutStore newStore(ContractClock clock) {
    return MemoryLockoutStore.create(clock.ticker());
  }
}
