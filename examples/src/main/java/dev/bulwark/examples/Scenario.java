package dev.bulwark.examples;

import java.io.PrintStream;

/** One self-contained demonstration: it runs, prints what happened, and says whether it held. */
public interface Scenario {

  /** A short title for the demo's output. */
  String title();

  /**
   * Runs the scenario, printing its story to {@code out}.
   *
   * @return whether every protection it demonstrates held
   */
  boolean run(PrintStream out);
}
