package dev.bulwark.groups.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 verification with the decoded public point of each key cached, so that a verification
 * does not decompress the author's point again. Bounded: at most {@code maximumKeys} decoded keys,
 * the least useful evicted first. Keys are validated exactly as {@link Ed25519s#verify} validates
 * them (canonical encoding, not one of the small-order points), so a cached verification accepts
 * exactly what an uncached one accepts. Thread-safe.
 */
public final class PublicKeyCache {
  private final Cache<ByteBuffer, Ed25519.PublicPoint> points;

  /** A cache of at most {@code maximumKeys} decoded keys. */
  public PublicKeyCache(int maximumKeys) {
    Checks.requireInRange("maximumKeys", maximumKeys, 1, 1 << 24);
    this.points = Caffeine.newBuilder().maximumSize(maximumKeys).build();
  }

  /** Verifies; any length mismatch or invalid key is a plain {@code false}, never an exception. */
  public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey.length != Ed25519s.KEY_LENGTH || signature.length != Ed25519s.SIGNATURE_LENGTH) {
      return false;
    }
    Ed25519.PublicPoint point = points.getIfPresent(ByteBuffer.wrap(publicKey));
    if (point == null) {
      point = Ed25519.validatePublicKeyPartialExport(publicKey, 0);
      if (point == null) {
        return false;
      }
      // the caller's array may change later: the cache keeps its own copy of the key
      points.put(ByteBuffer.wrap(publicKey.clone()), point);
    }
    return Ed25519.verify(signature, 0, point, message, 0, message.length);
  }

  /** How many decoded keys are cached now (approximately). */
  public long size() {
    return points.estimatedSize();
  }
}
