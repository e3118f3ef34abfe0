package dev.bulwark.redis.verification;

import static dev.bulwark.redis.internal.Checks.requireArgument;
import static dev.bulwark.redis.internal.Checks.requireNonNull;

/** The Redis keys of this package's stores: the store's prefix, then the host's ID as it is. */
final class Keys {
  private Keys() {}

  /**
   * Returns {@code prefix + id}.
   *
   * @throws NullPointerException if {@code id} is null
   * @throws IllegalArgumentException unless {@code id} has 1 to {@code maxLength} characters; the
   *     message names {@code name} and the length, never the ID
   */
  static String key(String prefix, String name, String id, int maxLength) {
    requireNonNull(id, name);
    requireArgument(
        !id.isEmpty() && id.length() <= maxLength,
        "%s must have 1 to %d characters, got %d",
        name,
        maxLength,
        id.length());
    return prefix + id;
  }
}
