package dev.bulwark.examples.server;

import java.time.Duration;
import java.util.Map;

/**
 * The few knobs the demo turns away from the modules' defaults, each to keep the simulation fast;
 * every other parameter is the module's default.
 *
 * @param pinHashIterations PBKDF2 iterations of registration-lock PIN hashes (a real server uses a
 *     memory-hard hash at a far higher cost)
 * @param responseFloor the floor the timing equalizer releases enumeration-sensitive responses at
 * @param proofOfWorkBits the proof-of-work difficulty (the module's default is 20 bits, about a
 *     second of a client's CPU; the demo's attacker solves thousands)
 * @param rateLimits rate-limit policies as {@code bulwark.ratelimit.<name>.limits} properties,
 *     overriding {@link Protections}'s table
 */
public record Settings(
    int pinHashIterations,
    Duration responseFloor,
    int proofOfWorkBits,
    Map<String, String> rateLimits) {

  /** The settings the demo runs with. */
  public static Settings defaults() {
    return new Settings(100, Duration.ofNanos(400_000), 8, Map.of());
  }

  /** These settings with rate-limit properties overridden. */
  public Settings withRateLimits(Map<String, String> overrides) {
    return new Settings(pinHashIterations, responseFloor, proofOfWorkBits, Map.copyOf(overrides));
  }
}
