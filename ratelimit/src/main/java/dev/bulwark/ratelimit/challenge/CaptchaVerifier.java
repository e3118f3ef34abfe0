package dev.bulwark.ratelimit.challenge;

import static dev.bulwark.ratelimit.internal.Checks.requireArgument;
import static dev.bulwark.ratelimit.internal.Checks.requireNonNull;

import com.fasterxml.jackson.jr.ob.JSON;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.bulwark.ratelimit.RateLimitKey;
import dev.bulwark.ratelimit.spi.ChallengeVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Checks a captcha answer server-side with its provider's {@code siteverify} endpoint, in the
 * hCaptcha / reCAPTCHA / Turnstile style: a form POST of {@code secret}, {@code response} and
 * {@code sitekey}, answered by JSON with {@code success} and, depending on the provider, {@code
 * score}, {@code action}, {@code hostname} and {@code sitekey}.
 *
 * <p>A pass needs {@code success: true} and every configured expectation met (score at or above the
 * threshold, the expected action, hostname and site key). A provider that cannot be reached, times
 * out, answers with a status other than 200, or sends anything but a JSON object is a {@link
 * ChallengeOutcome#PROVIDER_ERROR}: never a pass, and the challenge token is not used up so the
 * client may retry. A definitive answer, pass or fail, uses the token up. The provider secret never
 * appears in {@code toString()}. Thread-safe.
 */
public final class CaptchaVerifier implements ChallengeVerifier {

  /** The longest captcha response accepted from a client. */
  public static final int MAX_RESPONSE_LENGTH = 4096;

  /** The largest provider answer read. */
  public static final int MAX_PROVIDER_ANSWER_BYTES = 64 * 1024;

  private final ChallengeTokens tokens;
  private final URI siteverify;
  private final String providerSecret;
  private final HttpClient http;
  private final Duration timeout;
  private final @Nullable String siteKey;
  private final @Nullable String expectedAction;
  private final @Nullable String expectedHostname;
  private final double minimumScore;

  private CaptchaVerifier(Builder b) {
    this.tokens = b.tokens;
    this.siteverify = b.siteverify;
    this.providerSecret = b.providerSecret;
    this.http = b.http != null ? b.http : HttpClient.newBuilder().connectTimeout(b.timeout).build();
    this.timeout = b.timeout;
    this.siteKey = b.siteKey;
    this.expectedAction = b.expectedAction;
    this.expectedHostname = b.expectedHostname;
    this.minimumScore = b.minimumScore;
  }

  /**
   * Returns a builder for a provider at {@code siteverify} (https, or http on a loopback address
   * for tests) with the host's {@code providerSecret}.
   */
  public static Builder builder(ChallengeTokens tokens, URI siteverify, String providerSecret) {
    return new Builder(tokens, siteverify, providerSecret);
  }

  @Override
  public ChallengeKind kind() {
    return ChallengeKind.CAPTCHA;
  }

  /** Issues a captcha challenge token for {@code subject} and {@code purpose}. */
  public ChallengeTokens.IssuedToken issue(RateLimitKey subject, String purpose) {
    return tokens.issue(ChallengeKind.CAPTCHA, 0, subject, purpose);
  }

  @Override
  public ChallengeOutcome verify(
      @Nullable String token, RateLimitKey subject, String purpose, @Nullable String answer) {
    return verifyAsync(token, subject, purpose, answer).toCompletableFuture().join();
  }

  @Override
  public CompletionStage<ChallengeOutcome> verifyAsync(
      @Nullable String token, RateLimitKey subject, String purpose, @Nullable String answer) {
    ChallengeTokens.TokenCheck check = tokens.check(token, ChallengeKind.CAPTCHA, subject, purpose);
    if (!check.outcome().passed()) {
      return CompletableFuture.completedFuture(check.outcome());
    }
    if (!isPlausibleResponse(answer)) {
      return CompletableFuture.completedFuture(ChallengeOutcome.MALFORMED);
    }
    HttpRequest request =
        HttpRequest.newBuilder(siteverify)
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(answer)))
            .build();
    CompletableFuture<HttpResponse<byte[]>> sent;
    try {
      sent = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(ChallengeOutcome.PROVIDER_ERROR);
    }
    return sent.handle(
        (response, failure) -> {
          if (failure != null) {
            return ChallengeOutcome.PROVIDER_ERROR;
          }
          Boolean passed = judge(response);
          if (passed == null) {
            return ChallengeOutcome.PROVIDER_ERROR;
          }
          // A definitive answer uses the token up, whichever way it went.
          ChallengeOutcome redeemed = tokens.redeem(check);
          if (!redeemed.passed()) {
            return redeemed;
          }
          return passed ? ChallengeOutcome.PASSED : ChallengeOutcome.FAILED;
        });
  }

  /** Returns whether the provider's answer is a pass, or {@code null} if it is no answer at all. */
  private @Nullable Boolean judge(HttpResponse<byte[]> response) {
    byte[] body = response.body();
    if (response.statusCode() != 200 || body == null || body.length > MAX_PROVIDER_ANSWER_BYTES) {
      return null;
    }
    Map<String, Object> json;
    try {
      Object parsed = JSON.std.anyFrom(body);
      if (!(parsed instanceof Map)) {
        return null;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) parsed;
      json = map;
    } catch (IOException | RuntimeException e) {
      return null;
    }
    Object success = json.get("success");
    if (!(success instanceof Boolean)) {
      return null;
    }
    if (!(Boolean) success) {
      return false;
    }
    if (minimumScore > 0) {
      Object score = json.get("score");
      if (!(score instanceof Number) || ((Number) score).doubleValue() < minimumScore) {
        return false;
      }
    }
    return matches(json, "action", expectedAction)
        && matches(json, "hostname", expectedHostname)
        && matches(json, "sitekey", siteKey);
  }

  private static boolean matches(
      Map<String, Object> json, String field, @Nullable String expected) {
    return expected == null || expected.equals(json.get(field));
  }

  private String form(String answer) {
    StringBuilder form =
        new StringBuilder()
            .append("secret=")
            .append(URLEncoder.encode(providerSecret, StandardCharsets.UTF_8))
            .append("&response=")
            .append(URLEncoder.encode(answer, StandardCharsets.UTF_8));
    if (siteKey != null) {
      form.append("&sitekey=").append(URLEncoder.encode(siteKey, StandardCharsets.UTF_8));
    }
    return form.toString();
  }

  private static boolean isPlausibleResponse(@Nullable String answer) {
    if (answer == null || answer.isEmpty() || answer.length() > MAX_RESPONSE_LENGTH) {
      return false;
    }
    for (int i = 0; i < answer.length(); i++) {
      char c = answer.charAt(i);
      if (c <= ' ' || c > '~') {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "CaptchaVerifier[" + siteverify + ", secret hidden]";
  }

  /** Builds a {@link CaptchaVerifier}. */
  public static final class Builder {
    private final ChallengeTokens tokens;
    private final URI siteverify;
    private final String providerSecret;
    private @Nullable HttpClient http;
    private Duration timeout = Duration.ofSeconds(5);
    private @Nullable String siteKey;
    private @Nullable String expectedAction;
    private @Nullable String expectedHostname;
    private double minimumScore;

    private Builder(ChallengeTokens tokens, URI siteverify, String providerSecret) {
      this.tokens = requireNonNull(tokens, "tokens");
      requireNonNull(siteverify, "siteverify");
      String scheme = siteverify.getScheme();
      String host = siteverify.getHost();
      boolean loopback =
          host != null
              && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"));
      requireArgument(
          "https".equals(scheme) || ("http".equals(scheme) && loopback),
          "siteverify must be an https URI (http only on a loopback address)");
      this.siteverify = siteverify;
      requireNonNull(providerSecret, "providerSecret");
      requireArgument(!providerSecret.isBlank(), "providerSecret must not be blank");
      this.providerSecret = providerSecret;
    }

    /** Sets the HTTP client; a new one with the timeout as connect timeout by default. */
    @CanIgnoreReturnValue
    public Builder httpClient(HttpClient client) {
      this.http = requireNonNull(client, "httpClient");
      return this;
    }

    /** Sets the whole-request timeout, 100 ms to 30 s; 5 s by default. */
    @CanIgnoreReturnValue
    public Builder timeout(Duration d) {
      requireNonNull(d, "timeout");
      requireArgument(
          d.compareTo(Duration.ofMillis(100)) >= 0 && d.compareTo(Duration.ofSeconds(30)) <= 0,
          "timeout must be between 100 ms and 30 s, got %s",
          d);
      this.timeout = d;
      return this;
    }

    /** Sends this site key and requires the provider to echo it, if it reports one. */
    @CanIgnoreReturnValue
    public Builder siteKey(String key) {
      this.siteKey = requireNonNull(key, "siteKey");
      return this;
    }

    /** Requires the answer's {@code action} to equal this. */
    @CanIgnoreReturnValue
    public Builder expectedAction(String action) {
      this.expectedAction = requireNonNull(action, "expectedAction");
      return this;
    }

    /** Requires the answer's {@code hostname} to equal this. */
    @CanIgnoreReturnValue
    public Builder expectedHostname(String hostname) {
      this.expectedHostname = requireNonNull(hostname, "expectedHostname");
      return this;
    }

    /** Requires a {@code score} of at least this, in {@code (0, 1]}; no score check by default. */
    @CanIgnoreReturnValue
    public Builder minimumScore(double score) {
      requireArgument(score > 0 && score <= 1, "minimumScore must be in (0, 1], got %s", score);
      this.minimumScore = score;
      return this;
    }

    /** Returns the verifier. */
    public CaptchaVerifier build() {
      return new CaptchaVerifier(this);
    }
  }
}
