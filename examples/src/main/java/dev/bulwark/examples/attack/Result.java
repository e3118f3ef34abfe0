package dev.bulwark.examples.attack;

/**
 * What one attack achieved, every number counted from real responses.
 *
 * @param threat the threat
 * @param mitigations the mitigations it met
 * @param attempts the attacker's attempts
 * @param blocked attempts the server refused
 * @param allowed attempts that got through to what they attacked (e.g. a PIN that was checked)
 * @param figure the decisive figure, with how it is derived
 * @param held whether every mitigation held
 */
public record Result(
    String threat,
    String mitigations,
    long attempts,
    long blocked,
    long allowed,
    String figure,
    boolean held) {}
