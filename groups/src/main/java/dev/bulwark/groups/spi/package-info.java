/**
 * The SPIs a host implements: {@link dev.bulwark.groups.spi.GroupStore} (group state, change log
 * and key packages, with one atomic compare-and-set per accepted change) and {@link
 * dev.bulwark.groups.spi.MemberKeyDirectory} (each author's registered Ed25519 public key).
 */
@NullMarked
@CheckReturnValue
package dev.bulwark.groups.spi;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
