package dev.bulwark.ratelimit.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.bulwark.ratelimit.RateLimitKey;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a siteverify stub on a loopback port that answers whatever each test sets. */
class CaptchaVerifierTest {
  private final RateLimitKey alice = RateLimitKey.phone("+15550100001");
  private final ChallengeTokens tokens = ChallengeTokens.builder(new byte[32]).build();
  private final AtomicReference<Integer> status = new AtomicReference<>(200);
  private final AtomicReference<String> body = new AtomicReference<>("{\"success\":true}");
  private final AtomicReference<String> lastForm = new AtomicReference<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile boolean hang;
  private HttpServer server;
  private URI uri;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/siteverify",
        exchange -> {
          lastForm.set(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          if (hang) {
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          byte[] out = body.get().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status.get(), out.length);
          try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
          }
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/siteverify");
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private CaptchaVerifier.Builder verifier() {
    // Generous: a loaded CI machine must not turn a slow stub into a provider error.
    return CaptchaVerifier.builder(tokens, uri, "provider-secret").timeout(Duration.ofSeconds(10));
  }

  private ChallengeOutcome answer(CaptchaVerifier v, String response) {
    String token = v.issue(alice, "registration").token();
    return v.verify(token, alice, "registration", response);
  }

  @Test
  void aSuccessfulAnswerPassesOnceAndSendsTheSecretAndResponse() {
    CaptchaVerifier v = verifier().siteKey("site-1").build();
    body.set("{\"success\":true,\"sitekey\":\"site-1\"}");
    String token = v.issue(alice, "registration").token();
    assertThat(v.verify(token, alice, "registration", "captcha-response"))
        .isEqualTo(ChallengeOutcome.PASSED);
    assertThat(URLDecoder.decode(lastForm.get(), StandardCharsets.UTF_8))
        .isEqualTo("secret=provider-secret&response=captcha-response&sitekey=site-1");
    assertThat(v.verify(token, alice, "registration", "captcha-response"))
        .isEqualTo(ChallengeOutcome.ALREADY_USED);
  }

  @Test
  void theProvidersNoIsAFailure() {
    body.set("{\"success\":false,\"error-codes\":[\"invalid-input-response\"]}");
    assertThat(answer(verifier().build(), "bad")).isEqualTo(ChallengeOutcome.FAILED);
  }

  @Test
  void expectationsOnScoreActionHostnameAndSiteKeyAreEnforced() {
    body.set("{\"success\":true,\"score\":0.3,\"action\":\"login\",\"hostname\":\"chat.example\"}");
    assertThat(answer(verifier().minimumScore(0.5).build(), "r"))
        .isEqualTo(ChallengeOutcome.FAILED);
    assertThat(answer(verifier().minimumScore(0.3).build(), "r"))
        .isEqualTo(ChallengeOutcome.PASSED);
    assertThat(answer(verifier().expectedAction("register").build(), "r"))
        .isEqualTo(ChallengeOutcome.FAILED);
    assertThat(answer(verifier().expectedAction("login").build(), "r"))
        .isEqualTo(ChallengeOutcome.PASSED);
    assertThat(answer(verifier().expectedHostname("evil.example").build(), "r"))
        .isEqualTo(ChallengeOutcome.FAILED);
    assertThat(answer(verifier().siteKey("other").build(), "r")).isEqualTo(ChallengeOutcome.FAILED);
    body.set("{\"success\":true}");
    assertThat(answer(verifier().minimumScore(0.5).build(), "r"))
        .isEqualTo(ChallengeOutcome.FAILED);
  }

  @Test
  void providerErrorsAreNeverAPassAndKeepTheTokenUsable() {
    CaptchaVerifier v = verifier().build();
    String token = v.issue(alice, "registration").token();
    for (String junk :
        new String[] {"", "not json", "[true]", "{\"success\":\"yes\"}", "{\"succ", "null", "{}"}) {
      body.set(junk);
      assertThat(v.verify(token, alice, "registration", "r"))
          .as(junk)
          .isEqualTo(ChallengeOutcome.PROVIDER_ERROR);
    }
    body.set("{\"success\":true}");
    status.set(500);
    assertThat(v.verify(token, alice, "registration", "r"))
        .isEqualTo(ChallengeOutcome.PROVIDER_ERROR);
    status.set(200);
    body.set("{\"success\":true," + "\"pad\":\"" + "x".repeat(70_000) + "\"}");
    assertThat(v.verify(token, alice, "registration", "r"))
        .isEqualTo(ChallengeOutcome.PROVIDER_ERROR);
    body.set("{\"success\":true}");
    assertThat(v.verify(token, alice, "registration", "r")).isEqualTo(ChallengeOutcome.PASSED);
  }

  @Test
  void aProviderThatTimesOutIsAProviderError() {
    hang = true;
    assertThat(answer(verifier().timeout(Duration.ofMillis(300)).build(), "r"))
        .isEqualTo(ChallengeOutcome.PROVIDER_ERROR);
  }

  @Test
  void anUnreachableProviderIsAProviderError() {
    server.stop(0);
    assertThat(answer(verifier().build(), "r")).isEqualTo(ChallengeOutcome.PROVIDER_ERROR);
  }

  @Test
  void junkResponsesFromClientsNeverReachTheProvider() {
    CaptchaVerifier v = verifier().build();
    lastForm.set(null);
    for (String junk : new String[] {"", "with space", "x".repeat(4097), "tab\t", "ünicode"}) {
      assertThat(answer(v, junk)).isEqualTo(ChallengeOutcome.MALFORMED);
    }
    assertThat(lastForm.get()).isNull();
  }

  @Test
  void onlyHttpsOrLoopbackHttpIsAccepted() {
    assertThatThrownBy(
            () ->
                CaptchaVerifier.builder(
                    tokens, URI.create("http://captcha.example/siteverify"), "s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https");
    assertThat(
            CaptchaVerifier.builder(tokens, URI.create("https://captcha.example/siteverify"), "s")
                .build()
                .toString())
        .doesNotContain("\"s\"")
        .contains("secret hidden");
  }
}
