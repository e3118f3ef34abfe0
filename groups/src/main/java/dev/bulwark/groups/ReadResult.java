package dev.bulwark.groups;

import dev.bulwark.groups.internal.Checks;

/**
 * The outcome of a read that the server authorizes (log pages, key packages): granted with a value,
 * or denied with a reason.
 *
 * @param <T> the value's type
 */
public sealed interface ReadResult<T> {

  /**
   * The read was allowed.
   *
   * @param value what was read
   * @param <T> its type
   */
  record Granted<T>(T value) implements ReadResult<T> {
    /** Checks the field. */
    public Granted {
      Checks.requireNonNull(value, "value");
    }
  }

  /**
   * The read was refused.
   *
   * @param reason why
   * @param <T> the type that would have been read
   */
  record Denied<T>(Refusal reason) implements ReadResult<T> {
    /** Checks the field. */
    public Denied {
      Checks.requireNonNull(reason, "reason");
    }
  }
}
