package dev.bulwark.storage;

import static dev.bulwark.storage.Fixture.HOUR;
import static dev.bulwark.storage.Fixture.SENDER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Several senders and several deliverers on the same recipients at once: every record put is
 * delivered and acknowledged exactly once, none is lost or duplicated, and none is unreadable,
 * while data keys rotate every few records.
 */
class ConcurrencyTest {
  private static final int THREADS = 4;
  private static final int PER_THREAD = 300;

  @Test
  void everyRecordIsDeliveredAndAcknowledgedExactlyOnceUnderConcurrency() throws Exception {
    Fixture f = new Fixture(EphemeralStore.builder().dataKeyRotation(Duration.ofDays(1), 7));
    Recipient[] recipients = {Recipient.of("r0"), Recipient.of("r1"), Recipient.of("r2")};
    Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
    Set<Integer> duplicates = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS * 2);
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch sendersDone = new CountDownLatch(THREADS);
    List<Future<?>> tasks = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        tasks.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < PER_THREAD; i++) {
                    int n = thread * PER_THREAD + i;
                    byte[] payload = ByteBuffer.allocate(4).putInt(n).array();
                    f.store.put(SENDER, recipients[n % recipients.length], payload, HOUR);
                  }
                  sendersDone.countDown();
                  return null;
                }));
        tasks.add(
            pool.submit(
                () -> {
                  start.await();
                  Recipient me = recipients[thread % recipients.length];
                  AccessContext self = AccessContext.recipient(me);
                  boolean last = false;
                  while (true) {
                    boolean sendersFinished = sendersDone.getCount() == 0;
                    FetchResult batch = f.store.fetch(self, me, 50);
                    assertThat(batch.unreadable()).isEmpty();
                    for (StoredRecord r : batch.records()) {
                      if (f.store.acknowledge(self, me, r.id())) {
                        int n = ByteBuffer.wrap(r.payload()).getInt();
                        if (!acknowledged.add(n)) {
                          duplicates.add(n);
                        }
                      }
                    }
                    if (batch.records().isEmpty() && sendersFinished) {
                      if (last) {
                        return null;
                      }
                      last = true; // one more pass after the senders are done
                    }
                  }
                }));
      }
      start.countDown();
      for (Future<?> task : tasks) {
        task.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(duplicates).isEmpty();
    assertThat(acknowledged).hasSize(THREADS * PER_THREAD);
    for (Recipient r : recipients) {
      assertThat(f.store.count(Fixture.OPERATOR, r)).isZero();
    }
  }
}
