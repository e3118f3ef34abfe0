package dev.bulwark.examples.server;

import static dev.bulwark.examples.server.Protections.API;

import dev.bulwark.errors.InternalReason;
import dev.bulwark.messageid.GuardDecision;
import dev.bulwark.messageid.InboundMessage;
import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.storage.AccessContext;
import dev.bulwark.storage.AccessDeniedException;
import dev.bulwark.storage.FetchResult;
import dev.bulwark.storage.Recipient;
import dev.bulwark.storage.RecordId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Messages. {@code PUT /v1/messages/{account}} admits a message through the message guard (ID,
 * session epoch, timestamp, replay window, order) and queues it, sealed, for the recipient; {@code
 * GET /v1/messages/{account}} fetches a queue and {@code DELETE /v1/messages/{account}/{id}}
 * acknowledges a message, both only for the queue's owner, as the storage access policy decides.
 */
final class MessageEndpoints {
  private static final Duration RETENTION = Duration.ofDays(7);

  record Send(String clientId, long sequence, long epoch, long timestamp, String body) {}

  record Queued(String sender, long serverTimestamp, String body) {}

  record Delivered(String id, String sender, long serverTimestamp, String body) {}

  private final Protections bulwark;
  private final Accounts accounts;

  MessageEndpoints(Protections bulwark, Accounts accounts) {
    this.bulwark = bulwark;
    this.accounts = accounts;
  }

  Reply send(Call call) {
    UUID sender = call.account();
    UUID recipient = UUID.fromString(call.param("account"));
    if (!accounts.exists(recipient)) {
      throw bulwark.refuse(API, InternalReason.UNKNOWN_SUBJECT, "no such recipient");
    }
    bulwark.limit("sender", RateLimitKey.account(sender), API);
    bulwark.limit(
        "messages",
        RateLimitKey.pair(RateLimitKey.account(sender), RateLimitKey.account(recipient)),
        API);
    Send s = call.body(Send.class);
    GuardDecision d =
        bulwark.messages.admit(
            InboundMessage.sequenced(
                sender.toString(), 1, s.epoch(), s.clientId(), s.sequence(), s.timestamp()));
    if (!d.isAccepted()) {
      return Reply.json(409, Map.of("error", "rejected", "outcome", d.outcome()));
    }
    Queued queued = new Queued(sender.toString(), d.serverTimestampMicros(), s.body());
    RecordId id =
        bulwark.queue.put(
            AccessContext.sender(sender.toString()),
            queueOf(recipient),
            Json.write(queued),
            RETENTION);
    return Reply.ok(Map.of("id", id.toString(), "serverTimestamp", d.serverTimestampMicros()));
  }

  Reply fetch(Call call) {
    FetchResult result = asOwner(() -> bulwark.queue.fetch(self(call), queueOf(call), 100));
    List<Delivered> messages =
        result.records().stream()
            .map(
                r -> {
                  Queued q = Json.read(r.payload(), Queued.class);
                  return new Delivered(
                      r.id().toString(), q.sender(), q.serverTimestamp(), q.body());
                })
            .toList();
    return Reply.ok(Map.of("messages", messages));
  }

  Reply acknowledge(Call call) {
    RecordId id = RecordId.parse(call.param("id"));
    boolean removed = asOwner(() -> bulwark.queue.acknowledge(self(call), queueOf(call), id));
    return Reply.ok(Map.of("acknowledged", removed));
  }

  private static AccessContext self(Call call) {
    return AccessContext.recipient(queueOf(call.account()));
  }

  private static Recipient queueOf(Call call) {
    return queueOf(UUID.fromString(call.param("account")));
  }

  private static Recipient queueOf(UUID account) {
    return Recipient.of(account.toString());
  }

  private <T> T asOwner(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (AccessDeniedException e) {
      throw bulwark.refuse(API, InternalReason.WRONG_SECRET, "queue access " + e.reason());
    }
  }
}
