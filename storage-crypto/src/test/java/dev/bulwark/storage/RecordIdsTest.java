package dev.bulwark.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Record IDs drawn in batches come from the store's CSPRNG, each of its bytes used once, in order,
 * and stay distinct across threads.
 */
class RecordIdsTest {

  /** A real CSPRNG that counts calls and keeps every byte it hands out. */
  static final class RecordingRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    final AtomicInteger calls = new AtomicInteger();
    final List<byte[]> handedOut = new ArrayList<>();

    @Override
    public synchronized void nextBytes(byte[] bytes) {
      super.nextBytes(bytes);
      calls.incrementAndGet();
      handedOut.add(bytes.clone());
    }
  }

  @Test
  void idsAreTheCsprngBytesInOrderOneBatchPerCall() {
    RecordingRandom random = new RecordingRandom();
    RecordIds ids = new RecordIds(random);
    List<RecordId> drawn = new ArrayList<>();
    for (int i = 0; i < RecordIds.BATCH + 1; i++) {
      drawn.add(ids.next());
    }

    assertThat(random.calls).hasValue(2);
    byte[] first = random.handedOut.get(0);
    for (int i = 0; i < RecordIds.BATCH; i++) {
      byte[] expected = java.util.Arrays.copyOfRange(first, i * 16, i * 16 + 16);
      assertThat(drawn.get(i).toBytes()).isEqualTo(expected);
    }
    assertThat(drawn.get(RecordIds.BATCH).toBytes())
        .isEqualTo(java.util.Arrays.copyOfRange(random.handedOut.get(1), 0, 16));
  }

  @Test
  void concurrentDrawsAreAllDistinct() throws Exception {
    RecordIds ids = new RecordIds(new SecureRandom());
    Set<RecordId> seen = ConcurrentHashMap.newKeySet();
    int threads = 4;
    int perThread = 20_000;
    List<Thread> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread th =
          new Thread(
              () -> {
                for (int i = 0; i < perThread; i++) {
                  seen.add(ids.next());
                }
              });
      th.start();
      running.add(th);
    }
    for (Thread th : running) {
      th.join();
    }
    assertThat(seen).hasSize(threads * perThread);
  }
}
