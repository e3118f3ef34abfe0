package dev.bulwark.groups;

/**
 * Why the server refused an operation. Internal detail: what reaches a client is the host's call.
 */
public enum Refusal {
  /** The bytes were not a valid change encoding. */
  MALFORMED,
  /** No group has this ID. */
  NO_SUCH_GROUP,
  /** The author has no registered key. */
  UNKNOWN_AUTHOR,
  /** The signature does not verify with the author's registered key. */
  BAD_SIGNATURE,
  /** The author is not a member (and the action is not one a non-member may perform). */
  NOT_A_MEMBER,
  /** The author's role or the group's access control does not allow the action. */
  NOT_AUTHORIZED,
  /** The target user is banned. */
  BANNED,
  /** The action does not fit the state (e.g. removing a non-member, a wrong link password). */
  INVALID_ACTION,
  /** The resulting state would break an invariant (size, duplicates, no administrator). */
  INVALID_RESULT,
  /** Key packages missing where required, for the wrong epoch, incomplete or for a non-member. */
  KEY_PACKAGES,
  /** A log read starts before the reader joined. */
  BEFORE_JOIN,
  /** The host's {@link OperationGuard} refused the operation. */
  RATE_LIMITED
}
