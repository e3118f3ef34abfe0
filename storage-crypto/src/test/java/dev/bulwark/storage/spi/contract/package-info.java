/**
 * The contract tests of the storage SPIs, published in the test jar: each store (in memory, Redis,
 * a host's own) extends them. They sit in a package of their own, not in {@code spi}, because the
 * main jar's module owns {@code dev.bulwark.storage.spi}, so test classes of that package on
 * another module's class path would be hidden from it.
 */
package dev.bulwark.storage.spi.contract;
