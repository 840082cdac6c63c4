package dev.databricksmcp.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The targets, checked against what this run measured, for the summary at the top of
 * BENCHMARKS.md.
 */
final class Targets {
  private record Check(String what, String target, String measured, Boolean met) {}

  private final List<Check> checks = new ArrayList<>();

  /**
   * @param met null when there is no numeric target, only something to report
   */
  void add(String what, String target, String measured, Boolean met) {
    checks.add(new Check(what, target, measured, met));
  }

  String markdown() {
    if (checks.isEmpty()) {
      return "";
    }
    StringBuilder md =
        new StringBuilder("## Summary\n\n| measure | target | this run | |\n|---|---|---|---|\n");
    for (Check c : checks) {
      md.append("| ")
          .append(c.what())
          .append(" | ")
          .append(c.target())
          .append(" | ")
          .append(c.measured())
          .append(" | ")
          .append(c.met() == null ? "–" : c.met() ? "met" : "**not met**")
          .append(" |\n");
    }
    return md.append('\n').toString();
  }
}
