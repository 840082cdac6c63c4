package dev.databricksmcp.server.cli;

import dev.databricksmcp.server.core.Jsons;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code databricks-mcp doctor}: checks what the server will need, in the order it needs it (the
 * configuration, the workspace, the sign-in, a SQL warehouse, Unity Catalog) and prints each check
 * ✓ or ✗ with what to do about a ✗. Takes the connection options and serve's, so that the HTTP
 * settings are checked as serve would check them. Exit 0 only when every check passed.
 */
final class DoctorCommand {
  static final OptionSpec JSON =
      OptionSpec.flag("--json", null, "Print the checks as JSON (check, ok, detail, advice).");
  static final List<OptionSpec> SPECS = specs();

  private DoctorCommand() {}

  private static List<OptionSpec> specs() {
    List<OptionSpec> specs = new ArrayList<>();
    specs.add(JSON);
    specs.addAll(ServeOptions.SPECS);
    return List.copyOf(specs);
  }

  static int run(CommonOptions common, ParsedArgs args, PrintStream out, Map<String, String> env) {
    // the checks say what went wrong; the log would repeat it, less clearly
    Logging.configure("info".equals(common.logLevel) ? "error" : common.logLevel);
    List<DoctorChecks.Check> checks = new DoctorChecks(common, ServeOptions.from(args), env).run();
    boolean ok = checks.stream().allMatch(DoctorChecks.Check::ok);
    if (args.flag(JSON)) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("ok", ok);
      report.put("checks", checks.stream().map(DoctorCommand::row).toList());
      out.println(Jsons.write(report));
    } else {
      for (DoctorChecks.Check check : checks) {
        out.printf("%s %-14s %s%n", check.ok() ? "✓" : "✗", check.name(), check.detail());
        if (check.advice() != null) {
          out.println("    → " + check.advice());
        }
      }
      out.println(
          ok
              ? "All checks passed: the default toolsets can work."
              : "Some checks failed: fix the first ✗ and run databricks-mcp doctor again.");
    }
    return ok ? 0 : 1;
  }

  private static Map<String, Object> row(DoctorChecks.Check check) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("check", check.name());
    row.put("ok", check.ok());
    row.put("detail", check.detail());
    row.put("advice", check.advice());
    return row;
  }
}
