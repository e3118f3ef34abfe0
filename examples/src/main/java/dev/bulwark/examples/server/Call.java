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
  private final byte[] body;
  private final RateLimitKey source;
  private final Optional<UUID> account;

  Call(Map<String, String> params, byte[] body, RateLimitKey source, Optional<UUID> account) {
    this.params = params;
    this.body = body;
    this.source = source;
    this.account = account;
  }

  /** A path parameter, e.g. {@code {account}} in the route's template. */
  public String param(String name) {
    return params.get(name);
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
