package dev.bulwark.examples.server;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for an SMS provider: the server hands it codes, and only the holder of the phone (the
 * simulation's real user, or an attacker who swapped the victim's SIM) reads them. It counts what
 * it sent, the cost an SMS-pumping flood would run up.
 */
public final class SmsGateway {
  private final Map<String, String> lastCode = new ConcurrentHashMap<>();
  private final AtomicLong sent = new AtomicLong();

  void send(String number, String code) {
    lastCode.put(number, code);
    sent.incrementAndGet();
  }

  /** The last code delivered to {@code number}: what its phone shows. */
  public Optional<String> lastCodeFor(String number) {
    return Optional.ofNullable(lastCode.get(number));
  }

  /** How many messages were sent. */
  public long sent() {
    return sent.get();
  }
}
