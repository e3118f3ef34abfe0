package dev.bulwark.messageid;

import static dev.bulwark.messageid.internal.Checks.requireNonNull;

/**
 * What a {@link MessageGuard} needs to know about one message from a client.
 *
 * <p>{@code account} and {@code device} come from the host's authenticated connection and are
 * validated like a {@link ReplayScope}'s (an {@link IllegalArgumentException} if out of range);
 * everything else comes from the client and is judged by the guard with a typed outcome, whatever
 * its value. {@link #toString()} leaves out the account and the client's ID text.
 *
 * @param account the sender's account
 * @param device the sender's device number
 * @param epoch the session epoch the client claims
 * @param clientId the client's message ID text, judged by the guard's {@link ClientIdValidator}
 * @param sequence the per-scope sequence number, or {@link #NO_SEQUENCE}
 * @param clientMillis the client's timestamp in Unix milliseconds
 */
public record InboundMessage(
    String account, int device, long epoch, String clientId, long sequence, long clientMillis) {

  /** The {@code sequence} of a message that has none (the {@link DedupMode#RANDOM_ID} mode). */
  public static final long NO_SEQUENCE = Long.MIN_VALUE;

  /** Validates account and device, and that no component is null. */
  public InboundMessage {
    requireNonNull(clientId, "clientId");
    ReplayScope.checkAccountAndDevice(account, device);
  }

  /** A message with a sequence number, for {@link DedupMode#SEQUENCE}. */
  public static InboundMessage sequenced(
      String account, int device, long epoch, String clientId, long sequence, long clientMillis) {
    return new InboundMessage(account, device, epoch, clientId, sequence, clientMillis);
  }

  /** A message without a sequence number, for {@link DedupMode#RANDOM_ID}. */
  public static InboundMessage unsequenced(
      String account, int device, long epoch, String clientId, long clientMillis) {
    return new InboundMessage(account, device, epoch, clientId, NO_SEQUENCE, clientMillis);
  }

  @Override
  public String toString() {
    return "InboundMessage[device="
        + device
        + ", epoch="
        + epoch
        + ", sequence="
        + (sequence == NO_SEQUENCE ? "none" : Long.toString(sequence))
        + ", clientMillis="
        + clientMillis
        + "]";
  }
}
