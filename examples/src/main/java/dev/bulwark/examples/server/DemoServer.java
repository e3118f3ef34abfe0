package dev.bulwark.examples.server;

import static dev.bulwark.errors.Surface.KEY_FETCH;
import static dev.bulwark.errors.Surface.REGISTRATION;
import static dev.bulwark.errors.Surface.VERIFICATION;
import static dev.bulwark.examples.server.Protections.API;
import static dev.bulwark.examples.server.Protections.GROUPS;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.errors.InternalReason;
import dev.bulwark.errors.Surface;
import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.storage.EphemeralStore;
import dev.bulwark.storage.TinkKeyEncryptionKeys;
import dev.bulwark.storage.spi.BlobStore;
import dev.bulwark.storage.spi.WrappedKeyStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small Signal-like server on a loopback port, every endpoint behind Bulwark. The routing table
 * below is the whole API; each route names its error surface, whether it needs an account, and
 * whether its answers are released at the timing equalizer's floor.
 *
 * <p>In front of every route: the per-address limit (unauthenticated routes only, so that one
 * address cannot spend the server-wide budget), the server-wide limit, then the bearer token
 * (authenticated routes, which their handlers limit per account).
 */
public final class DemoServer implements AutoCloseable {
  /**
   * The header the simulation's client sets to stand for the address it "comes from", so that one
   * loopback client can play a thousand rotating addresses. Demo only: a real server takes the
   * address from the connection or a trusted proxy, never from a client's header.
   */
  public static final String CLIENT_ADDRESS_HEADER = "X-Demo-Client-Address";

  private static final int MAX_BODY_BYTES = 64 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(DemoServer.class);

  static {
    // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm
    // and the client's delayed ACK add up to 40 ms to a response. Read once, when the first
    // server is created.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /** A request handler. */
  @FunctionalInterface
  interface Handler {
    Reply handle(Call call);
  }

  private record Route(
      String method,
      Pattern path,
      List<String> params,
      Surface surface,
      boolean authenticated,
      boolean equalized,
      Handler handler) {}

  private final List<Route> routes = new ArrayList<>();
  private final Protections bulwark;
  private final Accounts accounts;
  private final SmsGateway sms = new SmsGateway();
  private final Stores stores;
  private final HttpServer http;
  private final ExecutorService executor;

  private DemoServer(Stores stores, DemoClock clock, Settings settings) throws IOException {
    SecureRandom random = new SecureRandom();
    this.stores = stores;
    this.accounts = new Accounts(settings.pinHashIterations(), random);
    this.bulwark = new Protections(stores, accounts, clock, settings, random);
    var verification = new VerificationEndpoints(bulwark, sms, clock);
    var registration = new RegistrationEndpoints(bulwark, accounts, verification, clock, random);
    var totp = new TotpEndpoints(bulwark);
    var messages = new MessageEndpoints(bulwark, accounts);
    var keys = new KeyEndpoints(bulwark);
    var groups = new GroupEndpoints(bulwark);

    // open: unauthenticated, limited per address; equalized: open, and answered at the timing
    // floor; account: needs a bearer token, limited per account by the handler.
    open("POST /v1/verification/sessions", VERIFICATION, verification::start);
    open("POST /v1/verification/sessions/{session}/code", VERIFICATION, verification::submit);
    open("POST /v1/registration", REGISTRATION, registration::register);
    equalized("POST /v1/registration/lock", REGISTRATION, registration::unlock);
    open("POST /v1/challenge", API, registration::answerChallenge);
    account("POST /v1/totp/enroll", API, totp::enroll);
    account("POST /v1/totp/confirm", API, totp::confirm);
    account("POST /v1/totp/check", API, totp::check);
    account("PUT /v1/messages/{account}", API, messages::send);
    account("GET /v1/messages/{account}", API, messages::fetch);
    account("DELETE /v1/messages/{account}/{id}", API, messages::acknowledge);
    account("PUT /v1/keys/signed", API, keys::uploadSigned);
    account("PUT /v1/keys/last-resort", API, keys::uploadLastResort);
    account("PUT /v1/keys/one-time", API, keys::uploadOneTime);
    account("DELETE /v1/keys/one-time/{keyId}", API, keys::revokeOneTime);
    account("GET /v1/keys/{account}", KEY_FETCH, keys::fetch);
    account("PUT /v1/groups", GROUPS, groups::create);
    account("PATCH /v1/groups/{group}", GROUPS, groups::change);
    account("GET /v1/groups/{group}/keys/{epoch}", GROUPS, groups::keyPackage);
    account("GET /v1/groups/{group}/log", GROUPS, groups::log);

    this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    this.executor = Executors.newFixedThreadPool(8);
    http.setExecutor(executor);
    http.createContext("/", this::serve);
  }

  /** Starts a server on a free loopback port over {@code stores}, reading {@code clock}. */
  public static DemoServer start(Stores stores, DemoClock clock, Settings settings) {
    try {
      DemoServer server = new DemoServer(stores, clock, settings);
      server.http.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The port it listens on, on 127.0.0.1. */
  public int port() {
    return http.getAddress().getPort();
  }

  /** The SMS provider stand-in: what each number's phone received. */
  public SmsGateway sms() {
    return sms;
  }

  /** The stores, for the simulation's insiders (stolen dump, rewritten group history). */
  public Stores stores() {
    return stores;
  }

  /** The host's accounts, for seeding a population without an SMS round trip for each. */
  public Accounts accounts() {
    return accounts;
  }

  /**
   * The message store as someone who copied its backing stores and the server's configuration, but
   * not the key-encryption key, would open it: same namespace and recipient hash key, a key
   * provider of his own.
   */
  public EphemeralStore messageStoreWithoutItsKek(BlobStore blobs, WrappedKeyStore keys) {
    return bulwark.messageStoreOver(blobs, keys, TinkKeyEncryptionKeys.generate());
  }

  /**
   * The public key that verifies the server's signed group-log heads. Clients hold it pinned (as
   * Signal's clients ship with the server's public parameters), so the simulation's members take it
   * from here rather than from an answer a compromised server could forge.
   */
  public byte[] groupLogKey() {
    return bulwark.groups.serverPublicKey();
  }

  /** How many enumeration-sensitive answers took longer than the equalizer's floor. */
  public long equalizerOverruns() {
    return bulwark.equalizer.overruns();
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }

  private void open(String route, Surface surface, Handler handler) {
    add(route, surface, false, false, handler);
  }

  private void equalized(String route, Surface surface, Handler handler) {
    add(route, surface, false, true, handler);
  }

  private void account(String route, Surface surface, Handler handler) {
    add(route, surface, true, false, handler);
  }

  private void add(
      String route, Surface surface, boolean authenticated, boolean equalized, Handler handler) {
    String[] parts = route.split(" ", 2);
    List<String> params = new ArrayList<>();
    Matcher m = Pattern.compile("\\{(\\w+)}").matcher(parts[1]);
    while (m.find()) {
      params.add(m.group(1));
    }
    Pattern path = Pattern.compile(parts[1].replaceAll("\\{\\w+}", "([^/]+)"));
    routes.add(new Route(parts[0], path, params, surface, authenticated, equalized, handler));
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      Reply reply;
      try {
        reply = dispatch(exchange);
      } catch (RuntimeException e) {
        LOG.error("request failed outside the error surfaces", e);
        reply = Reply.json(500, Map.of("error", "internal"));
      }
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      exchange.sendResponseHeaders(
          reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
      exchange.getResponseBody().write(reply.body());
    }
  }

  private Reply dispatch(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    for (Route route : routes) {
      Matcher m = route.path().matcher(path);
      if (route.method().equals(method) && m.matches()) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < route.params().size(); i++) {
          params.put(route.params().get(i), m.group(i + 1));
        }
        return route.equalized()
            ? bulwark.equalizer.call(() -> guarded(route, exchange, params))
            : guarded(route, exchange, params);
      }
    }
    return Reply.json(404, Map.of("error", "not_found"));
  }

  private Reply guarded(Route route, HttpExchange exchange, Map<String, String> params) {
    Surface surface = route.surface();
    try {
      RateLimitKey source = source(exchange);
      if (!route.authenticated()) {
        bulwark.limit("ip", source, surface);
      }
      if (!bulwark.global.tryAcquire()) {
        throw bulwark.tooMany(surface, Duration.ofSeconds(1), "server-wide limit");
      }
      Optional<UUID> account = Optional.empty();
      if (route.authenticated()) {
        account = accounts.authenticate(bearer(exchange));
        if (account.isEmpty()) {
          throw bulwark.refuse(surface, InternalReason.UNKNOWN_SUBJECT, "bad bearer token");
        }
      }
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      byte[] body = readBody(exchange.getRequestBody());
      return route.handler().handle(new Call(params, query, body, source, account));
    } catch (Reply.Refused refused) {
      return refused.reply();
    } catch (IllegalArgumentException e) {
      return Reply.of(bulwark.errors.respond(surface, InternalReason.MALFORMED, e.getMessage()));
    } catch (IOException e) {
      return Reply.of(bulwark.errors.respond(surface, InternalReason.MALFORMED, "unreadable body"));
    } catch (RuntimeException e) {
      return Reply.of(bulwark.errors.respond(surface, InternalReason.INTERNAL_ERROR, "bug", e));
    }
  }

  private static RateLimitKey source(HttpExchange exchange) {
    String claimed = exchange.getRequestHeaders().getFirst(CLIENT_ADDRESS_HEADER);
    InetAddress peer = exchange.getRemoteAddress().getAddress();
    return claimed != null && peer.isLoopbackAddress()
        ? RateLimitKey.ip(claimed)
        : RateLimitKey.ip(peer);
  }

  /** {@code a=1&b=2} as a map; a repeated or undecodable parameter is malformed. */
  private static Map<String, String> query(String raw) {
    Map<String, String> query = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&", -1)) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (query.put(name, value) != null) {
        throw new IllegalArgumentException("repeated query parameter");
      }
    }
    return query;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String bearer(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    return header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      throw new IllegalArgumentException("body too large");
    }
    return body;
  }
}
