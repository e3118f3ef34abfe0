package dev.bulwark.storage;

import dev.bulwark.storage.internal.Checks;
import java.util.Arrays;

/**
 * Optional length hiding: payloads are padded, inside the ciphertext, to the next of a fixed set of
 * bucket sizes, so a stored record's length reveals only its bucket. Padding is ISO/IEC 7816-4 (a
 * {@code 0x80} byte then zeros), so one byte of each bucket is the marker. Payloads longer than the
 * largest bucket are padded to a multiple of it.
 *
 * <p>Immutable and thread-safe.
 */
public final class Padding {
  private static final Padding NONE = new Padding(new int[0]);

  private final int[] buckets;

  private Padding(int[] buckets) {
    this.buckets = buckets;
  }

  /** No padding: a record's length is its payload's plus the fixed overhead. */
  public static Padding none() {
    return NONE;
  }

  /**
   * Buckets at powers of two from {@code smallest} to {@code largest}.
   *
   * @throws IllegalArgumentException unless both are powers of two with {@code 16 <= smallest <=
   *     largest <= 2^24}
   */
  public static Padding powersOfTwo(int smallest, int largest) {
    Checks.requireInRange("smallest bucket", smallest, 16, 1 << 24);
    Checks.requireInRange("largest bucket", largest, smallest, 1 << 24);
    Checks.requireArgument(
        Integer.bitCount(smallest) == 1 && Integer.bitCount(largest) == 1,
        "bucket sizes must be powers of two, got %d and %d",
        smallest,
        largest);
    int n = Integer.numberOfTrailingZeros(largest) - Integer.numberOfTrailingZeros(smallest) + 1;
    int[] sizes = new int[n];
    for (int i = 0; i < n; i++) {
      sizes[i] = smallest << i;
    }
    return new Padding(sizes);
  }

  /**
   * Buckets of the given sizes.
   *
   * @throws IllegalArgumentException unless there is at least one size, all are strictly increasing
   *     and between 16 and 2^24
   */
  public static Padding buckets(int... sizes) {
    Checks.requireNonNull(sizes, "sizes");
    Checks.requireArgument(sizes.length > 0, "at least one bucket size is required");
    int[] copy = sizes.clone();
    for (int i = 0; i < copy.length; i++) {
      Checks.requireInRange("bucket size", copy[i], 16, 1 << 24);
      Checks.requireArgument(
          i == 0 || copy[i] > copy[i - 1], "bucket sizes must be strictly increasing");
    }
    return new Padding(copy);
  }

  /** Whether this pads at all. */
  public boolean isEnabled() {
    return buckets.length > 0;
  }

  /**
   * The length a payload of {@code payloadLength} bytes has once padded (the plaintext that is
   * sealed), or {@code payloadLength} itself if padding is off.
   */
  public int paddedLength(int payloadLength) {
    Checks.requireInRange("payload length", payloadLength, 0, Integer.MAX_VALUE - (1 << 24));
    if (buckets.length == 0) {
      return payloadLength;
    }
    int needed = payloadLength + 1;
    for (int size : buckets) {
      if (needed <= size) {
        return size;
      }
    }
    int largest = buckets[buckets.length - 1];
    return (needed + largest - 1) / largest * largest;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Padding p && Arrays.equals(buckets, p.buckets);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(buckets);
  }

  @Override
  public String toString() {
    return buckets.length == 0 ? "Padding[none]" : "Padding" + Arrays.toString(buckets);
  }
}
