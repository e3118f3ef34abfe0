package dev.bulwark.storage;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes record IDs: each batch of {@value #BATCH} is {@value #BATCH} consecutive blocks of
 * AES-256-CTR under the stripe's key, drawn once from the store's {@link SecureRandom}, from a
 * starting counter drawn fresh from it for each batch.
 *
 * <ul>
 *   <li>Within a batch, IDs never repeat: each is AES of a distinct counter, and AES under one key
 *       is a permutation.
 *   <li>Between batches, stripes and stores, two IDs collide no more often than two random 128-bit
 *       values; JVMs restored from one snapshot part ways within one batch.
 *   <li>Without the key, the next ID cannot be told from random. Record IDs are not secrets
 *       (clients receive them and every operation checks the caller's access first), so this is
 *       defence in depth.
 * </ul>
 *
 * <p>Drawing every ID from the {@code SecureRandom} itself is the obvious alternative, and slow:
 * the default {@code NativePRNG} passes every output through SHA1PRNG and reads the OS source,
 * about 130 ns for 16 bytes on a 2-core VM; here one 16-byte draw serves {@value #BATCH} IDs.
 *
 * <p>Thread-safe: a few independently locked stripes, chosen by thread, keep threads from queueing
 * on one lock.
 */
final class RecordIds {
  static final int BATCH = 32;

  private static final byte[] ZEROS = new byte[BATCH * RecordId.LENGTH];

  private static final class Stripe {
    final SecretKeySpec key;
    final Cipher keystream = Cipher.getInstance("AES/CTR/NoPadding");
    final byte[] counter = new byte[16];
    final byte[] buffer = new byte[BATCH * RecordId.LENGTH];
    int next = buffer.length;

    Stripe(SecureRandom random) throws GeneralSecurityException {
      byte[] k = new byte[32];
      random.nextBytes(k);
      key = new SecretKeySpec(k, "AES");
      Arrays.fill(k, (byte) 0);
    }
  }

  private final SecureRandom random;
  private final Stripe[] stripes;

  /**
   * @throws IllegalStateException if this JVM has no AES-CTR (every standard JVM has)
   */
  RecordIds(SecureRandom random) {
    this.random = random;
    int n = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 2 - 1);
    this.stripes = new Stripe[Math.min(n, 64)];
    try {
      for (int i = 0; i < stripes.length; i++) {
        stripes[i] = new Stripe(random);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CTR/NoPadding is not available on this JVM", e);
    }
  }

  /** A fresh record ID. */
  RecordId next() {
    Stripe s = stripes[(int) Thread.currentThread().getId() & (stripes.length - 1)];
    byte[] id;
    synchronized (s) {
      if (s.next == s.buffer.length) {
        refill(s);
      }
      int from = s.next;
      id = Arrays.copyOfRange(s.buffer, from, from + RecordId.LENGTH);
      s.next = from + RecordId.LENGTH;
    }
    return RecordId.ofOwned(id);
  }

  private void refill(Stripe s) {
    random.nextBytes(s.counter);
    try {
      s.keystream.init(Cipher.ENCRYPT_MODE, s.key, new IvParameterSpec(s.counter));
      int written = s.keystream.doFinal(ZEROS, 0, ZEROS.length, s.buffer, 0);
      if (written != ZEROS.length) {
        throw new IllegalStateException("AES-CTR returned " + written + " keystream bytes");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR keystream failed", e);
    }
    s.next = 0;
  }
}
