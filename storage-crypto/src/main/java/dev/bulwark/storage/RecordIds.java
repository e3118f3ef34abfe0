package dev.bulwark.storage;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes record IDs: each is the next 16-byte block of an AES-256-CTR keystream whose key and
 * starting counter are drawn from the store's {@link SecureRandom}, one keystream per stripe.
 *
 * <ul>
 *   <li>Within a stripe, IDs never repeat: a block is AES of a counter that never repeats (it would
 *       take 2^128 IDs to wrap), and AES under one key is a permutation.
 *   <li>Between stripes and between stores, each with its own random key, two IDs collide no more
 *       often than two random 128-bit values.
 *   <li>Without the key, the next ID cannot be told from random. Record IDs are not secrets
 *       (clients receive them and every operation checks the caller's access first), so this is
 *       defence in depth.
 * </ul>
 *
 * <p>Drawing the IDs from the {@code SecureRandom} itself is the obvious alternative, and slow: the
 * default {@code NativePRNG} passes every output through SHA1PRNG and reads the OS source, about
 * 130 ns for 16 bytes, a fifth of what the store adds to the AEAD; a keystream block costs a few
 * nanoseconds. Blocks are made {@value #BATCH} at a time.
 *
 * <p>Thread-safe: a few independently locked stripes, chosen by thread, keep threads from queueing
 * on one lock.
 */
final class RecordIds {
  static final int BATCH = 32;

  private static final byte[] ZEROS = new byte[BATCH * RecordId.LENGTH];

  private static final class Stripe {
    /** Initialised once, never reset: each update continues the keystream where it stopped. */
    final Cipher keystream;

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

  private final Stripe[] stripes;

  /**
   * @throws IllegalStateException if this JVM has no AES-CTR (every standard JVM has)
   */
  RecordIds(SecureRandom random) {
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

  /** A fresh record ID, never returned before by this instance. */
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

  private static void refill(Stripe s) {
    try {
      int written = s.keystream.update(ZEROS, 0, ZEROS.length, s.buffer, 0);
      if (written != ZEROS.length) {
        throw new IllegalStateException("AES-CTR returned " + written + " keystream bytes");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR keystream failed", e);
    }
    s.next = 0;
  }
}
