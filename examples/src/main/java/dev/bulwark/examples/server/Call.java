package dev.bulwark.examples.server;

import dev.bulwark.ratelimit.RateLimitKey;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One request as a handler sees it: path parameters, the body, the client's address key and, on
 * authenticated routes, the account.
 */
public final class Call {
  private final Map<String, String> params;
  private final Map<String, String> query;
  private final byte[] body;
  private final RateLimitKey source;
  private final Optional<UUID> account;

  Call(
      Map<String, String> params,
      Map<String, String> query,
      byte[] body,
      RateLimitKey source,
      Optional<UUID> account) {
    this.params = params;
    this.query = query;
    this.body = body;
    this.source = source;
    this.account = account;
  }

  /** A path parameter, e.g. {@code {account}} in the route's template. */
  public String param(String name) {
    return params.get(name);
  }

  /**
   * A query parameter, e.g. {@code from} in {@code ?from=3}.
   *
   * @throws IllegalArgumentException if the request has none of that name (the message names the
   *     parameter, not any value)
   */
  public String query(String name) {
    String value = query.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing query parameter " + name);
    }
    return value;
  }

  /** The body as JSON of {@code type}; {@link IllegalArgumentException} if it is not. */
  public <T> T body(Class<T> type) {
    return Json.read(body, type);
  }

  /** The client's address as a rate-limit key (IPv6 aggregated to its /64). */
  public RateLimitKey source() {
    return source;
  }

  /** The authenticated account; present on every authenticated route. */
  public UUID account() {
    return account.orElseThrow();
  }
}
