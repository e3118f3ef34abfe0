package dev.bulwark.verification.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.verification.spi.OtpReplayStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryOtpReplayStoreTest {
  final AtomicLong now = new AtomicLong(1_700_000_000_000L);
  final InstantSource clock =
      new InstantSource() {
        @Override
        public Instant instant() {
          return Instant.ofEpochMilli(now.get());
        }

        @Override
        public long millis() {
          return now.get();
        }
      };
  final MemoryOtpReplayStore store = MemoryOtpReplayStore.builder().clock(clock).executor(Runnable::run).build();

  long in(long minutes) {
    return now.get() + TimeUnit.MINUTES.toMillis(minutes);
  }

  @Test
  void valuesOnlyGoUp() {
    assertThat(store.lastAccepted("c")).isEqualTo(OtpReplayStore.NONE);
    assertThat(store.tryAdvance("c", 10, in(1))).isTrue();
    assertThat(store.tryAdvance("c", 10, in(1))).isFalse();
    assertThat(store.tryAdvance("c", 9, in(1))).isFalse();
    assertThat(store.tryAdvance("c", 11, in(1))).isTrue();
    assertThat(store.lastAccepted("c")).isEqualTo(11);
  }

  @Test
  void aRecordIsKeptUntilItsRetentionAndThenForgotten() {
    assertThat(store.tryAdvance("c", 10, in(2))).isTrue();
    now.set(in(2) - 1);
    store.cleanUp();
    assertThat(store.tryAdvance("c", 10, in(2))).as("still retained").isFalse();
    now.set(in(30));
    store.cleanUp();
    assertThat(store.estimatedSize()).isZero();
    assertThat(store.tryAdvance("c", 5, in(2))).as("after retention a record starts afresh").isTrue();
  }

  @Test
  void aLongerRetentionExtendsTheRecord() {
    assertThat(store.tryAdvance("c", 10, in(2))).isTrue();
    assertThat(store.tryAdvance("c", 11, in(20))).isTrue();
    now.set(in(19));
    store.cleanUp();
    assertThat(store.lastAccepted("c")).isEqualTo(11);
  }

  @Test
  void countersRetainedForeverStay() {
    assertThat(store.tryAdvance("hotp", 3, Long.MAX_VALUE)).isTrue();
    now.set(in(60L * 24 * 365 * 10));
    store.cleanUp();
    assertThat(store.lastAccepted("hotp")).isEqualTo(3);
  }

  @Test
  void forgetStartsAfresh() {
    assertThat(store.tryAdvance("c", 10, Long.MAX_VALUE)).isTrue();
    store.forget("c");
    store.forget("unknown");
    assertThat(store.lastAccepted("c")).isEqualTo(OtpReplayStore.NONE);
    assertThat(store.tryAdvance("c", 1, Long.MAX_VALUE)).isTrue();
  }
}
