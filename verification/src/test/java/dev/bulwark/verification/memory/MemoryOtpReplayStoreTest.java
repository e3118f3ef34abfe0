package dev.bulwark.verification.memory;

import dev.bulwark.verification.spi.OtpReplayStore;
import dev.bulwark.verification.spi.OtpReplayStoreContract;
import java.time.Duration;
import java.time.InstantSource;

/** The {@link OtpReplayStore} contract for the in-memory store. */
class MemoryOtpReplayStoreTest extends OtpReplayStoreContract {
  private MemoryOtpReplayStore memory;

  @Override
  protected OtpReplayStore newStore(InstantSource clock) {
    memory = MemoryOtpReplayStore.builder().clock(clock).executor(Runnable::run).build();
    return memory;
  }

  @Override
  protected void timePassed(Duration elapsed) {
    memory.cleanUp();
  }
}
