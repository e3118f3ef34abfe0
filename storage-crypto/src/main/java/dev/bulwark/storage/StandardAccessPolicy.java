package dev.bulwark.storage;

import java.util.Optional;

/** The rules of {@link AccessPolicy#standard()}. */
enum StandardAccessPolicy implements AccessPolicy {
  INSTANCE;

  private static final Optional<DenialReason> ROLE = Optional.of(DenialReason.ROLE_NOT_PERMITTED);
  private static final Optional<DenialReason> OWNER = Optional.of(DenialReason.NOT_OWNER);

  @Override
  public Optional<DenialReason> check(
      AccessContext caller, Operation operation, boolean callerIsTarget) {
    switch (caller.role()) {
      case SENDER:
        return operation == Operation.PUT ? Optional.empty() : ROLE;
      case RECIPIENT:
        switch (operation) {
          case FETCH:
          case ACKNOWLEDGE:
          case COUNT:
          case PURGE:
            return callerIsTarget ? Optional.empty() : OWNER;
          default:
            return ROLE;
        }
      case OPERATOR:
        switch (operation) {
          case PURGE:
          case COUNT:
          case SHRED:
          case SWEEP:
          case REWRAP:
            return Optional.empty();
          default:
            return ROLE;
        }
      default:
        return ROLE;
    }
  }
}
