package dev.bulwark.verification.memory;

import dev.bulwark.verification.spi.CodeStore;
import dev.bulwark.verification.spi.CodeStoreContract;
import java.time.Duration;
import java.time.InstantSource;

/** The {@link CodeStore} contract for the in-memory store. */
class MemoryCodeStoreTest extends CodeStoreContract {
  private MemoryCodeStore memory;

  @Override
  protected CodeStore newStore(InstantSource clock) {
    memory = MemoryCodeStore.builder().clock(clock).executor(Runnable::run).build();
    return memory;
  }

  @Override
  protected void timePassed(Duration elapsed) {
    memory.cleanUp();
  }
}
