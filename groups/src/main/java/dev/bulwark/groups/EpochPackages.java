package dev.bulwark.groups;

import dev.bulwark.groups.internal.Checks;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The key packages of a new key epoch: one opaque package per member, each encrypted by the
 * author's client for that member. The server never reads them; it checks that they cover exactly
 * the members of the resulting state and serves each member only its own.
 *
 * <p>Immutable; byte arrays are copied in and out. {@code toString()} prints the epoch and count.
 */
public final class EpochPackages {
  /** The largest package, in bytes. */
  public static final int MAX_PACKAGE_BYTES = 16 * 1024;

  private final long epoch;
  private final TreeMap<UUID, byte[]> packages;

  private EpochPackages(long epoch, TreeMap<UUID, byte[]> packages) {
    this.epoch = epoch;
    this.packages = packages;
  }

  /**
   * The packages of {@code epoch}.
   *
   * @throws IllegalArgumentException if the epoch is not positive, there are more than {@link
   *     GroupState#MAX_GROUP_SIZE} packages, or one is empty or larger than {@link
   *     #MAX_PACKAGE_BYTES}
   */
  public static EpochPackages of(long epoch, Map<UUID, byte[]> packages) {
    Checks.requireInRange("epoch", epoch, 1, Long.MAX_VALUE);
    Checks.requireNonNull(packages, "packages");
    Checks.requireInRange("package count", packages.size(), 0, GroupState.MAX_GROUP_SIZE);
    TreeMap<UUID, byte[]> copy = new TreeMap<>();
    for (Map.Entry<UUID, byte[]> e : packages.entrySet()) {
      byte[] p = Checks.requireNonNull(e.getValue(), "package");
      Checks.requireInRange("package length", p.length, 1, MAX_PACKAGE_BYTES);
      copy.put(Checks.requireNonNull(e.getKey(), "member"), p.clone());
    }
    return new EpochPackages(epoch, copy);
  }

  /** The epoch these packages open. */
  public long epoch() {
    return epoch;
  }

  /** The members that have a package, in ID order (unmodifiable). */
  public Set<UUID> recipients() {
    return Collections.unmodifiableSet(packages.keySet());
  }

  /** A copy of {@code member}'s package, or {@code null} if it has none. */
  public byte @org.jspecify.annotations.Nullable [] packageFor(UUID member) {
    byte[] p = packages.get(member);
    return p == null ? null : p.clone();
  }

  @Override
  public String toString() {
    return "EpochPackages[epoch=" + epoch + ", count=" + packages.size() + "]";
  }
}
