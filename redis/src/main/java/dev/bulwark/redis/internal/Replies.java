package dev.bulwark.redis.internal;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reading the stores' own script answers strictly: an answer no script gives (missing, of another
 * type, out of range) becomes the calling store's typed exception, never a silent default.
 */
public final class Replies {
  private Replies() {}

  /**
   * A yes-or-no answer: 1 is yes, 0 is no.
   *
   * @throws RuntimeException the one {@code unexpected} supplies, for any other answer
   */
  public static boolean yesOrNo(
      @Nullable Long answer, Supplier<? extends RuntimeException> unexpected) {
    if (answer == null || (answer != 0L && answer != 1L)) {
      throw unexpected.get();
    }
    return answer == 1L;
  }

  /**
   * An index answer in {@code [0, bound)}, such as a status's position in its enum.
   *
   * @throws RuntimeException the one {@code unexpected} supplies, for any other answer
   */
  public static int index(
      @Nullable Object answer, int bound, Supplier<? extends RuntimeException> unexpected) {
    if (!(answer instanceof Long n) || n < 0 || n >= bound) {
      throw unexpected.get();
    }
    return (int) (long) n;
  }
}
