/**
 * Bulwark groups: immutable group state, Ed25519-signed changes over a canonical encoding,
 * authorization by role and access control, versioned compare-and-set, a hash-chained change log
 * with server-signed heads and key-epoch package checks.
 */
module dev.bulwark.groups {
  requires org.bouncycastle.provider;
  requires com.github.benmanes.caffeine;
  requires static org.jspecify;
  requires static com.google.errorprone.annotations;

  exports dev.bulwark.groups;
  exports dev.bulwark.groups.spi;
  exports dev.bulwark.groups.memory;
}
