package dev.bulwark.messageid;

/**
 * Why {@link ClientIdValidator} refused a client's message ID. The checks run in the order of the
 * constants, and the first that fails is reported.
 */
public enum IdRejection {
  /** Null or empty. */
  EMPTY,
  /** Longer than the 36 characters of the text form; refused before reading it. */
  TOO_LONG,
  /** Not 8-4-4-4-12 ASCII hex digits separated by dashes. */
  MALFORMED,
  /** Well formed but not canonical: upper case where only lower case is accepted, or mixed case. */
  NOT_CANONICAL,
  /** The nil UUID (all zero bits). */
  NIL,
  /** The max UUID (all one bits). */
  MAX,
  /** Not the RFC 9562 variant ({@code 10} in the variant bits). */
  BAD_VARIANT,
  /** A version the validator was not configured to accept. */
  UNSUPPORTED_VERSION
}
