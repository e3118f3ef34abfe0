package dev.bulwark.ratelimit.memory;

import dev.bulwark.ratelimit.spi.ChallengeStore;
import dev.bulwark.ratelimit.spi.ChallengeStoreContract;
import dev.bulwark.ratelimit.spi.ContractClock;

/** {@link MemoryChallengeStore} against the {@link ChallengeStore} contract. */
class MemoryChallengeStoreContractTest extends ChallengeStoreContract {
  @Override
  protected ChallengeStore newStore(ContractClock clock) {
    return MemoryChallengeStore.create(
        clock.ticker(), MemoryChallengeStore.DEFAULT_MAXIMUM_ENTRIES);
  }
}
