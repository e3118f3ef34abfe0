package dev.bulwark.storage;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Draws record IDs from the store's {@link SecureRandom} in batches of {@value #BATCH}, so that the
 * CSPRNG's per-call cost (a lock and, for {@code NativePRNG}, a read of the OS source every couple
 * of calls) is paid once per batch rather than once per record. Each batch is split into IDs in
 * order and each byte is handed out once, then wiped from the buffer. Record IDs are not secrets
 * (clients receive them), so holding the next few in memory costs nothing.
 *
 * <p>Thread-safe: a few independently locked stripes, chosen by thread, keep threads from queueing
 * on one lock.
 */
final class RecordIds {
  static final int BATCH = 32;

  private static final class Stripe {
    final byte[] buffer = new byte[BATCH * RecordId.LENGTH];
    int next = buffer.length;
  }

  private final SecureRandom random;
  private final Stripe[] stripes;

  RecordIds(SecureRandom random) {
    this.random = random;
    int n = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 2 - 1);
    this.stripes = new Stripe[Math.min(n, 64)];
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new Stripe();
    }
  }

  /** A fresh random record ID. */
  RecordId next() {
    Stripe s = stripes[(int) Thread.currentThread().getId() & (stripes.length - 1)];
    byte[] id;
    synchronized (s) {
      if (s.next == s.buffer.length) {
        random.nextBytes(s.buffer);
        s.next = 0;
      }
      int from = s.next;
      id = Arrays.copyOfRange(s.buffer, from, from + RecordId.LENGTH);
      Arrays.fill(s.buffer, from, from + RecordId.LENGTH, (byte) 0);
      s.next = from + RecordId.LENGTH;
    }
    return RecordId.ofOwned(id);
  }
}
