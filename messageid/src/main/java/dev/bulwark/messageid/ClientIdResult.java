package dev.bulwark.messageid;

import static dev.bulwark.messageid.internal.Checks.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * The result of validating a client's message ID: the parsed {@link MessageId}, or the {@link
 * IdRejection} that refused it. A rejection never carries the input. Instances are immutable.
 */
public final class ClientIdResult {
  private static final ClientIdResult[] REJECTIONS =
      new ClientIdResult[IdRejection.values().length];

  static {
    for (IdRejection r : IdRejection.values()) {
      REJECTIONS[r.ordinal()] = new ClientIdResult(null, r);
    }
  }

  private final @Nullable MessageId id;
  private final @Nullable IdRejection rejection;

  private ClientIdResult(@Nullable MessageId id, @Nullable IdRejection rejection) {
    this.id = id;
    this.rejection = rejection;
  }

  /** An accepted ID. */
  public static ClientIdResult accepted(MessageId id) {
    return new ClientIdResult(requireNonNull(id, "id"), null);
  }

  /** A rejection; shared instances, so rejecting does not allocate. */
  public static ClientIdResult rejected(IdRejection rejection) {
    return REJECTIONS[requireNonNull(rejection, "rejection").ordinal()];
  }

  /** Whether the ID was accepted. */
  public boolean isAccepted() {
    return id != null;
  }

  /**
   * The accepted ID.
   *
   * @throws IllegalStateException if the ID was rejected
   */
  public MessageId id() {
    if (id == null) {
      throw new IllegalStateException("the client ID was rejected: " + rejection);
    }
    return id;
  }

  /** Why the ID was rejected, or null if it was accepted. */
  public @Nullable IdRejection rejection() {
    return rejection;
  }

  @Override
  public String toString() {
    return id != null ? "ClientIdResult[accepted " + id + "]" : "ClientIdResult[" + rejection + "]";
  }
}
