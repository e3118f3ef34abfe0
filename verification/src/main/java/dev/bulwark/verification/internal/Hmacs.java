package dev.bulwark.verification.internal;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;

/**
 * One {@link Mac} per thread and algorithm, created once: no {@code Mac.getInstance} per check.
 *
 * <p>A caller takes the thread's instance, initializes it with its key, uses it and is done before
 * it calls anything else that might take the same instance; the instance never leaves the thread.
 */
public final class Hmacs {
  /** The JCA names of the algorithms cached, in a fixed order. */
  private static final String[] NAMES = {"HmacSHA1", "HmacSHA256", "HmacSHA512"};

  /** The bytes of a counter (8) followed by the longest MAC output (64). */
  public static final int SCRATCH_BYTES = 8 + 64;

  private static final ThreadLocal<PerThread> STATE = ThreadLocal.withInitial(PerThread::new);

  /** What one thread keeps: its MACs and a scratch buffer for counters and MAC outputs. */
  public static final class PerThread {
    private final Mac[] macs = new Mac[NAMES.length];
    private final byte[] scratch = new byte[SCRATCH_BYTES];

    private PerThread() {}

    /** Returns this thread's {@link Mac} for {@code jcaName}, uninitialized or holding an old key. */
    public Mac mac(String jcaName) {
      int index = index(jcaName);
      Mac mac = macs[index];
      if (mac == null) {
        mac = newMac(jcaName);
        macs[index] = mac;
      }
      return mac;
    }

    /** A buffer of {@link #SCRATCH_BYTES} bytes that only this thread uses. */
    public byte[] scratch() {
      return scratch;
    }
  }

  private Hmacs() {}

  /** Returns the calling thread's MACs and scratch buffer. */
  public static PerThread thisThread() {
    return STATE.get();
  }

  /** Returns a new {@link Mac} for {@code jcaName}; the JDK always provides the three. */
  public static Mac newMac(String jcaName) {
    try {
      return Mac.getInstance(jcaName);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(jcaName + " is not available in this JDK", e);
    }
  }

  /** Wraps a JCA failure that cannot happen with the JDK's own providers and valid keys. */
  public static IllegalStateException unexpected(String what, GeneralSecurityException e) {
    return new IllegalStateException(what + " failed unexpectedly", e);
  }

  private static int index(String jcaName) {
    for (int i = 0; i < NAMES.length; i++) {
      if (NAMES[i].equals(jcaName)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no cached MAC for " + jcaName);
  }
}
