package dev.bulwark.storage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes record IDs: each batch of {@value #BATCH} is the next {@value #BATCH} blocks of the
 * stripe's AES-256-CTR keystream (key and starting counter drawn once from the store's {@link
 * SecureRandom}), each XORed with one 16-byte mask drawn fresh from it for the batch.
 *
 * <ul>
 *   <li>Within a batch, IDs never repeat: each is AES of a distinct counter (AES under one key is a
 *       permutation), XORed with the same mask.
 *   <li>Between batches, stripes and stores, two IDs collide no more often than two random 128-bit
 *       values (the masks are independent); JVMs restored from one snapshot part ways with their
 *       next batch.
 *   <li>Without the key, the next ID cannot be told from random. Record IDs are not secrets
 *       (clients receive them and every operation checks the caller's access first), so this is
 *       defence in depth.
 * </ul>
 *
 * <p>Drawing every ID from the {@code SecureRandom} itself is the obvious alternative, and slow:
 * the default {@code NativePRNG} passes every output through SHA1PRNG and reads the OS source,
 * about 130 ns for 16 bytes on a 2-core VM; here one 16-byte draw serves {@value #BATCH} IDs, and
 * the keystream is never re-initialised (a {@code Cipher.init} costs more than the draw).
 *
 * <p>Thread-safe: a few independently locked stripes, chosen by thread, keep threads from queueing
 * on one lock.
 */
final class RecordIds {
  static final int BATCH = 32;

  private static final byte[] ZEROS = new byte[BATCH * RecordId.LENGTH];
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final class Stripe {
    /** Initialised once, never reset: each update continues the keystream where it stopped. */
    final Cipher keystream;

    final byte[] mask = new byte[RecordId.LENGTH];
    final byte[] buffer = new byte[BATCH * RecordId.LENGTH];
    int next = buffer.length;

    Stripe(SecureRandom random) throws GeneralSecurityException {
      byte[] key = new byte[32];
      byte[] counter = new byte[16];
      random.nextBytes(key);
      random.nextBytes(counter);
      try {
        keystream = Cipher.getInstance("AES/CTR/NoPadding");
        keystream.init(
            Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(counter));
      } finally {
        Arrays.fill(key, (byte) 0);
      }
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
    try {
      int written = s.keystream.update(ZEROS, 0, ZEROS.length, s.buffer, 0);
      if (written != ZEROS.length) {
        throw new IllegalStateException("AES-CTR returned " + written + " keystream bytes");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR keystream failed", e);
    }
    random.nextBytes(s.mask);
    // Eight bytes at a time: a byte-by-byte loop over the batch costs more than the draw.
    long low = (long) LONGS.get(s.mask, 0);
    long high = (long) LONGS.get(s.mask, 8);
    for (int block = 0; block < s.buffer.length; block += RecordId.LENGTH) {
      LONGS.set(s.buffer, block, (long) LONGS.get(s.buffer, block) ^ low);
      LONGS.set(s.buffer, block + 8, (long) LONGS.get(s.buffer, block + 8) ^ high);
    }
    s.next = 0;
  }
}
