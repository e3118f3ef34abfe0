package dev.bulwark.ratelimit.memory;

import dev.bulwark.ratelimit.spi.BlocklistStore;
import dev.bulwark.ratelimit.spi.BlocklistStoreContract;
import dev.bulwark.ratelimit.spi.ContractClock;

/** {@link MemoryBlocklistStore} against the {@link BlocklistStore} contract. */
class MemoryBlocklistStoreContractTest extends BlocklistStoreContract {
  @Override
  protected BlocklistStore newStore(ContractClock clock) {
    return MemoryBlocklistStore.builder().ticker(clock.ticker()).executor(Runnable::run).build();
  }
}
