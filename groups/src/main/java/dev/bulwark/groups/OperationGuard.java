package dev.bulwark.groups;

import java.util.UUID;

/**
 * The hook a host wires to its rate limiter (for example {@code bulwark-ratelimit}); this module
 * does not depend on one. Called once per operation, before any signature verification or store
 * access, so a refused caller costs nothing else. Implementations must be thread-safe and fast.
 */
@FunctionalInterface
public interface OperationGuard {

  /** The operations the server guards. */
  enum Operation {
    /** Applying a change. */
    APPLY_CHANGE,
    /** Reading a page of the change log. */
    READ_LOG,
    /** Fetching a key package. */
    FETCH_KEY_PACKAGE
  }

  /**
   * Whether {@code actor} may perform {@code operation} on {@code group} now.
   *
   * @return {@code false} to refuse with {@link Refusal#RATE_LIMITED}
   */
  boolean permit(GroupId group, UUID actor, Operation operation);

  /** A guard that permits everything (the default). */
  static OperationGuard permitAll() {
    return (group, actor, operation) -> true;
  }
}
