package dev.bulwark.messageid;

/** What a replay window says about one sequence number. */
public enum SequenceOutcome {
  /** Not seen before and inside (or ahead of) the window: accepted, or acceptable for a check. */
  ACCEPT,
  /** Already accepted in this window. */
  DUPLICATE,
  /** Behind the window: too old to tell whether it was seen, so never accepted. */
  TOO_OLD,
  /** Further ahead of the highest accepted number than the policy's jump limit. */
  TOO_FAR_AHEAD,
  /** Negative: not a sequence number. */
  INVALID
}
