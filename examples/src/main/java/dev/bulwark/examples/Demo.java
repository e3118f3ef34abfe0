package dev.bulwark.examples;

import dev.bulwark.examples.ratelimit.PinBruteForceScenario;
import dev.bulwark.examples.ratelimit.RegistrationFloodScenario;
import dev.bulwark.examples.verification.CodeAttackScenario;
import java.io.PrintStream;
import java.util.List;

/** Runs every scenario and exits non-zero if any protection failed. */
public final class Demo {
  private Demo() {}

  /** The scenarios, in the order they run. */
  static List<Scenario> scenarios() {
    return List.of(
        new RegistrationFloodScenario(),
        new PinBruteForceScenario(),
        new dev.bulwark.examples.messageid.ReplayAttackScenario(),
        new dev.bulwark.examples.errors.EnumerationScenario(),
        new CodeAttackScenario(),
        new dev.bulwark.examples.storage.StolenStoreScenario(),
        new dev.bulwark.examples.keys.PreKeyDirectoryScenario(),
        new dev.bulwark.examples.groups.GroupTamperingScenario());
  }

  /** Runs all scenarios; exits with status 1 if any of them failed. */
  public static void main(String[] args) {
    PrintStream out = System.out;
    out.println("Bulwark demo");
    out.println("============");
    boolean allHeld = true;
    for (Scenario scenario : scenarios()) {
      out.println();
      out.println("## " + scenario.title());
      out.println();
      boolean held = scenario.run(out);
      out.println(held ? "-> held" : "-> FAILED");
      allHeld &= held;
    }
    out.println();
    out.println(allHeld ? "All protections held." : "Some protection FAILED.");
    if (!allHeld) {
      System.exit(1);
    }
  }
}
