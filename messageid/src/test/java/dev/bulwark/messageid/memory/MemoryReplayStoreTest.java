package dev.bulwark.messageid.memory;

import dev.bulwark.messageid.spi.ReplayStore;
import dev.bulwark.messageid.spi.ReplayStoreContract;
import java.time.Duration;
import java.time.InstantSource;

/** The {@link ReplayStore} contract for the in-memory store. */
class MemoryReplayStoreTest extends ReplayStoreContract {
  private MemoryReplayStore memory;

  @Override
  protected ReplayStore newStore(InstantSource clock) {
    memory = MemoryReplayStore.builder().clock(clock).executor(Runnable::run).build();
    return memory;
  }

  @Override
  protected ReplayStore newStoreWithIdCapacity(InstantSource clock, int ids) {
    memory =
        MemoryReplayStore.builder()
            .clock(clock)
            .executor(Runnable::run)
            .maximumSeenIds(ids)
            .build();
    return memory;
  }

  @Override
  protected void timePassed(Duration elapsed) {
    memory.cleanUp();
  }
}
