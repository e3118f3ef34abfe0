package dev.bulwark.benchmarks.ratelimit.abuse;

import dev.bulwark.ratelimit.RateLimitKey;
import java.util.Arrays;
import java.util.SplittableRandom;

/** The 1,000,000 synthetic sources of the abuse benchmarks and the streams drawn from them. */
final class Sources {
  static final int COUNT = 1_000_000;

  private Sources() {}

  /** Source {@code i}: a distinct IPv4 key in 10.0.0.0/8. */
  static RateLimitKey key(int i) {
    return RateLimitKey.ip("10." + (i >>> 16) + "." + ((i >>> 8) & 0xFF) + "." + (i & 0xFF));
  }

  /** {@code length} source indexes, each uniform over all sources. */
  static int[] uniform(int length, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] stream = new int[length];
    Arrays.setAll(stream, i -> random.nextInt(COUNT));
    return stream;
  }

  /** {@code length} source indexes drawn from a Zipf law with exponent 1 over all sources. */
  static int[] zipf(int length, long seed) {
    double[] cumulative = new double[COUNT];
    double sum = 0;
    for (int rank = 1; rank <= COUNT; rank++) {
      sum += 1.0 / rank;
      cumulative[rank - 1] = sum;
    }
    SplittableRandom random = new SplittableRandom(seed);
    int[] stream = new int[length];
    for (int i = 0; i < length; i++) {
      int found = Arrays.binarySearch(cumulative, random.nextDouble() * sum);
      stream[i] = Math.min(COUNT - 1, found >= 0 ? found : -found - 1);
    }
    return stream;
  }
}
