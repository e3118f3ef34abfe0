package dev.bulwark.storage;

import java.util.Optional;

/**
 * Decides whether a caller may perform an operation on a recipient's records.
 *
 * <p>{@link EphemeralStore} always applies {@link #standard()} first and then the host's policy, so
 * a host policy can only add restrictions (for example, allow purges only from certain operators):
 * no policy can let a sender or an operator read a payload. Implementations must be thread-safe and
 * fast; they run on every operation.
 */
@FunctionalInterface
public interface AccessPolicy {

  /**
   * Returns empty to allow, or the reason to deny.
   *
   * @param caller who is calling
   * @param operation what it wants to do
   * @param callerIsTarget whether the caller is the recipient whose records are concerned (false
   *     for store-wide operations such as sweep and rewrap)
   */
  Optional<DenialReason> check(AccessContext caller, Operation operation, boolean callerIsTarget);

  /**
   * The standard rules: a sender may only put; a recipient may fetch, acknowledge, count and purge
   * its own records; an operator may purge, count, shred, sweep and rewrap, and never fetch or
   * acknowledge.
   */
  static AccessPolicy standard() {
    return StandardAccessPolicy.INSTANCE;
  }

  /** A policy that adds no restriction to {@link #standard()}. */
  static AccessPolicy noFurtherRestriction() {
    return (caller, operation, callerIsTarget) -> Optional.empty();
  }
}
