package dev.bulwark.storage;

/**
 * Thrown when an {@link AccessPolicy} refuses an operation. The message names the operation, the
 * role and the reason, never a recipient or a payload; the denial is also logged as an audit event.
 */
public final class AccessDeniedException extends SecurityException {
  private static final long serialVersionUID = 1L;

  private final Operation operation;
  private final Role role;
  private final DenialReason reason;

  AccessDeniedException(Operation operation, Role role, DenialReason reason) {
    super(operation + " denied to " + role + ": " + reason);
    this.operation = operation;
    this.role = role;
    this.reason = reason;
  }

  /** The operation refused. */
  public Operation operation() {
    return operation;
  }

  /** The caller's role. */
  public Role role() {
    return role;
  }

  /** Why it was refused. */
  public DenialReason reason() {
    return reason;
  }
}
