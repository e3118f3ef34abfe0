package dev.bulwark.ratelimit.internal;

import dev.bulwark.ratelimit.FailureMode;
import dev.bulwark.ratelimit.RateLimit;
import dev.bulwark.ratelimit.RatePolicy;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads policies from flat properties:
 *
 * <pre>
 * bulwark.ratelimit.login.limits       = 5 per PT1M, 100 per P1D
 * bulwark.ratelimit.login.failure-mode = fail-closed
 * bulwark.ratelimit.login.local-fallback-share = 0.25
 * </pre>
 *
 * <p>A limit is {@code <permits> per <period>}, the period in ISO-8601 ({@link Duration#parse}): a
 * burst of that many permits, refilled evenly over the period ({@link RateLimit#per}). Failure
 * modes are {@code fail-open}, {@code fail-closed} or {@code local-fallback}; the local fallback
 * share is a decimal in {@code (0, 1]} ({@link RatePolicy#localFallbackShare()}). Any other
 * property under the prefix is an error, so a typo cannot silently leave a limit unset.
 */
public final class PolicyProperties {
  private static final String LIMITS = "limits";
  private static final String FAILURE_MODE = "failure-mode";
  private static final String LOCAL_FALLBACK_SHARE = "local-fallback-share";

  private PolicyProperties() {}

  /**
   * Returns the policies described under {@code prefix}, by name, in name order.
   *
   * @throws IllegalArgumentException naming the first bad property
   */
  public static Map<String, RatePolicy> parse(Map<String, String> properties, String prefix) {
    Map<String, Map<String, String>> byPolicy = new TreeMap<>();
    for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
      String key = e.getKey();
      if (!key.startsWith(prefix)) {
        continue;
      }
      String rest = key.substring(prefix.length());
      int dot = rest.lastIndexOf('.');
      Checks.requireArgument(
          dot > 0,
          "property '%s' must be %s<policy>.limits, .failure-mode or .local-fallback-share",
          key,
          prefix);
      String attribute = rest.substring(dot + 1);
      Checks.requireArgument(
          attribute.equals(LIMITS)
              || attribute.equals(FAILURE_MODE)
              || attribute.equals(LOCAL_FALLBACK_SHARE),
          "property '%s' is unknown: a policy takes only 'limits', 'failure-mode' and"
              + " 'local-fallback-share'",
          key);
      byPolicy
          .computeIfAbsent(rest.substring(0, dot), n -> new LinkedHashMap<>())
          .put(attribute, e.getValue().trim());
    }
    Map<String, RatePolicy> policies = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, String>> e : byPolicy.entrySet()) {
      policies.put(e.getKey(), toPolicy(prefix, e.getKey(), e.getValue()));
    }
    return policies;
  }

  private static RatePolicy toPolicy(String prefix, String name, Map<String, String> attributes) {
    String where = prefix + name + ".";
    String limits = attributes.get(LIMITS);
    Checks.requireArgument(limits != null, "property '%slimits' is missing", where);
    RatePolicy.Builder builder = RatePolicy.builder(name);
    builder.limits(parseLimits(where + LIMITS, limits));
    String mode = attributes.get(FAILURE_MODE);
    if (mode != null) {
      builder.failureMode(parseFailureMode(where + FAILURE_MODE, mode));
    }
    String share = attributes.get(LOCAL_FALLBACK_SHARE);
    if (share != null) {
      builder.localFallbackShare(parseShare(where + LOCAL_FALLBACK_SHARE, share));
    }
    return builder.build();
  }

  private static List<RateLimit> parseLimits(String property, String value) {
    List<RateLimit> limits = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      String[] words = part.trim().split("\\s+");
      Checks.requireArgument(
          words.length == 3 && words[1].equalsIgnoreCase("per"),
          "property '%s' needs limits of the form '<permits> per <ISO-8601 period>', like '5 per"
              + " PT1M'",
          property);
      int permits;
      Duration period;
      try {
        permits = Integer.parseInt(words[0]);
        period = Duration.parse(words[2]);
      } catch (NumberFormatException | DateTimeParseException e) {
        throw new IllegalArgumentException(
            "property '"
                + property
                + "' needs limits of the form '<permits> per <ISO-8601 period>', like '5 per PT1M'",
            e);
      }
      try {
        limits.add(RateLimit.per(permits, period));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("property '" + property + "': " + e.getMessage(), e);
      }
    }
    return limits;
  }

  private static double parseShare(String property, String value) {
    double share;
    try {
      share = value.matches("[0-9]{1,3}(\\.[0-9]{1,9})?") ? Double.parseDouble(value) : -1;
    } catch (NumberFormatException e) {
      share = -1;
    }
    Checks.requireArgument(
        share > 0 && share <= 1, "property '%s' must be a decimal in (0, 1], like 0.25", property);
    return share;
  }

  private static FailureMode parseFailureMode(String property, String value) {
    String normalized = value.toUpperCase(Locale.ROOT).replace('-', '_');
    for (FailureMode mode : FailureMode.values()) {
      if (mode.name().equals(normalized)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "property '" + property + "' must be fail-open, fail-closed or local-fallback");
  }
}
