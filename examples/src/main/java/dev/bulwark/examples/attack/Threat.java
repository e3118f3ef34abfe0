package dev.bulwark.examples.attack;

/** One attack the simulation runs against the demo server over HTTP. */
interface Threat {
  /** The threat, as the table names it. */
  String name();

  /** The Bulwark mitigations it meets, as the table lists them. */
  String mitigations();

  /** Runs the attack and measures what got through. */
  Result run(Simulation sim);
}
