package dev.bulwark.examples.server;

import dev.bulwark.errors.PublicResponse;
import java.util.Map;

/**
 * An HTTP response: status, headers and body.
 *
 * @param status the HTTP status
 * @param headers response headers
 * @param body the body bytes
 */
public record Reply(int status, Map<String, String> headers, byte[] body) {
  private static final Map<String, String> JSON =
      Map.of("Content-Type", "application/json", "Cache-Control", "no-store");

  /** A 200 with {@code value} as JSON. */
  public static Reply ok(Object value) {
    return json(200, value);
  }

  /** {@code value} as JSON with {@code status}. */
  public static Reply json(int status, Object value) {
    return new Reply(status, JSON, Json.write(value));
  }

  /** The opaque response the errors module decided on. */
  public static Reply of(PublicResponse response) {
    return new Reply(response.status(), response.headers(), response.body());
  }

  /** This reply as an exception, to end a handler early. */
  public Refused refuse() {
    return new Refused(this);
  }

  /** Ends a handler with a reply; carries no stack trace. */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Reply reply;

    Refused(Reply reply) {
      super(null, null, false, false);
      this.reply = reply;
    }

    /** The reply to send. */
    public Reply reply() {
      return reply;
    }
  }
}
