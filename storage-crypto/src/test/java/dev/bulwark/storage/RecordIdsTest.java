package dev.bulwark.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Record IDs are, batch by batch, the next blocks of the stripe's AES-256-CTR keystream (key and
 * starting counter drawn from the store's CSPRNG once) XORed with a mask drawn from it for each
 * batch (never a draw per ID), and stay distinct across threads.
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
  void eachBatchIsTheKeystreamUnderAFreshMaskDrawnFromTheCsprng() throws Exception {
    RecordingRandom random = new RecordingRandom();
    RecordIds ids = new RecordIds(random);
    int stripes = random.calls.get() / 2; // a 32-byte key and a 16-byte counter per stripe
    int batches = 3;
    int drawnCount = batches * RecordIds.BATCH + 1;
    List<RecordId> drawn = new ArrayList<>();
    for (int i = 0; i < drawnCount; i++) {
      drawn.add(ids.next());
    }

    assertThat(random.calls).as("one mask per batch, no draw per ID").hasValue(2 * stripes + 4);
    int stripe = (int) Thread.currentThread().getId() & (stripes - 1);
    byte[] key = random.handedOut.get(2 * stripe);
    BigInteger block = new BigInteger(1, random.handedOut.get(2 * stripe + 1));
    Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
    ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
    for (int i = 0; i < drawnCount; i++) {
      byte[] mask = random.handedOut.get(2 * stripes + i / RecordIds.BATCH);
      assertThat(mask).hasSize(16);
      byte[] expected = ecb.doFinal(toBlock(block));
      for (int b = 0; b < 16; b++) {
        expected[b] ^= mask[b];
      }
      assertThat(drawn.get(i).toBytes()).isEqualTo(expected);
      block = block.add(BigInteger.ONE);
    }
  }

  private static byte[] toBlock(BigInteger counter) {
    byte[] raw = counter.mod(BigInteger.ONE.shiftLeft(128)).toByteArray();
    byte[] out = new byte[16];
    int n = Math.min(raw.length, 16);
    System.arraycopy(raw, raw.length - n, out, 16 - n, n);
    return out;
  }

  @Test
  void storesWithTheirOwnSeedsDrawUnrelatedIds() {
    RecordIds a = new RecordIds(new SecureRandom());
    RecordIds b = new RecordIds(new SecureRandom());
    Set<RecordId> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      seen.add(a.next());
      seen.add(b.next());
    }
    assertThat(seen).hasSize(20_000);
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
