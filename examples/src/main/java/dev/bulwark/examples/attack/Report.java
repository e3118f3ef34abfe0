package dev.bulwark.examples.attack;

import java.util.List;
import java.util.Locale;

/** The simulation's table, as text for a terminal and as Markdown for a file. */
public final class Report {
  private Report() {}

  /**
   * The table as aligned text: one line per threat with its counts and decisive figure, and the
   * mitigations it met on the line below.
   */
  public static String text(List<Result> results) {
    int width = "threat".length();
    for (Result r : results) {
      width = Math.max(width, r.threat().length());
    }
    String row = "%-" + width + "s  %8s  %8s  %7s  %-4s  %s%n";
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            row,
            "threat",
            "attempts",
            "blocked",
            "allowed",
            "held",
            "decisive figure"));
    for (Result r : results) {
      out.append(
          String.format(
              Locale.ROOT,
              row,
              r.threat(),
              String.format(Locale.ROOT, "%,d", r.attempts()),
              String.format(Locale.ROOT, "%,d", r.blocked()),
              String.format(Locale.ROOT, "%,d", r.allowed()),
              r.held() ? "yes" : "NO",
              r.figure()));
      out.append("    mitigations: ").append(r.mitigations()).append(System.lineSeparator());
    }
    return out.toString();
  }

  /** The table as Markdown. */
  public static String markdown(List<Result> results) {
    StringBuilder out = new StringBuilder();
    out.append(
            "Every number is counted from the demo server's HTTP responses on 127.0.0.1. Time is\n")
        .append("simulated: attacks pace themselves by advancing the server's clock, so per-hour\n")
        .append("figures come from a simulated hour. Each threat's class in\n")
        .append(
            "`examples/src/main/java/dev/bulwark/examples/attack/` says how its figure is"
                + " derived.\n\n");
    out.append(
        "| threat | mitigations | attempts | blocked | allowed | held | decisive figure |\n");
    out.append("|---|---|---:|---:|---:|---|---|\n");
    for (Result r : results) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %,d | %,d | %,d | %s | %s |%n",
              r.threat(),
              r.mitigations(),
              r.attempts(),
              r.blocked(),
              r.allowed(),
              r.held() ? "yes" : "**NO**",
              r.figure().replace("|t|", "\\|t\\|")));
    }
    return out.toString();
  }
}
