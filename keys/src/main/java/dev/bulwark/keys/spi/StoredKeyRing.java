package dev.bulwark.keys.spi;

import java.util.List;

/**
 * A key ring as persisted: an immutable snapshot with a revision for optimistic concurrency.
 *
 * @param name the ring's name
 * @param revision incremented by every change; 1 for a new ring
 * @param primaryVersion the version used for new encryptions
 * @param minDecryptionVersion versions below this are refused (reversible revocation)
 * @param versions every version, in order, starting at 1
 */
public record StoredKeyRing(
    String name,
    long revision,
    int primaryVersion,
    int minDecryptionVersion,
    List<StoredKeyVersion> versions) {

  /** Copies the list and checks that versions are numbered 1..n. */
  public StoredKeyRing {
    versions = List.copyOf(versions);
    for (int i = 0; i < versions.size(); i++) {
      if (versions.get(i).version() != i + 1) {
        throw new IllegalArgumentException("versions must be numbered 1..n in order");
      }
    }
    if (primaryVersion < 1 || primaryVersion > versions.size()) {
      throw new IllegalArgumentException("primaryVersion must name a stored version");
    }
  }
}
