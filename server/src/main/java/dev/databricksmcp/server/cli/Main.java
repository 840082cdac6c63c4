package dev.databricksmcp.server.cli;

import dev.databricksmcp.server.core.Redactor;
import dev.databricksmcp.server.mcp.ServerInfo;
import java.io.PrintStream;
import java.util.Map;

/**
 * {@code databricks-mcp}: serves MCP (the default), lists tools, calls one, runs the sandbox,
 * checks the set-up (doctor) or writes a client's configuration. The command line is read by our
 * own small parser from declared {@link OptionSpec}s: it starts in a few milliseconds, where a
 * reflective CLI library cost a quarter of the server's cold start.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System.getenv()));
  }

  /**
   * Runs one command line; returns the exit code: 0, 1 when the command failed, 2 for a usage or
   * configuration problem (printed as one line, never a stack trace).
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    try {
      ParsedArgs parsed = ParsedArgs.parse(args, env);
      if (parsed.help) {
        out.print(HelpText.of(parsed.commandGiven ? parsed.command : null));
        return 0;
      }
      if (parsed.version) {
        out.println(ServerInfo.NAME + " " + ServerInfo.version());
        return 0;
      }
      CommonOptions common = CommonOptions.from(parsed);
      return switch (parsed.command) {
        case SERVE -> Serve.run(common, ServeOptions.from(parsed));
        case TOOLS -> ToolsCommand.run(common, parsed, out);
        case CALL -> CallCommand.run(common, parsed, out);
        case SANDBOX -> SandboxCommand.run(common, parsed, out);
        case DOCTOR -> DoctorCommand.run(common, parsed, out, env);
        case CLIENT_CONFIG -> ClientConfigCommand.run(parsed, out, err, ClientHost.current(env));
      };
    } catch (UsageProblem | IllegalArgumentException e) {
      err.println("databricks-mcp: " + Redactor.redact(e.getMessage()));
      return 2;
    } catch (Exception e) {
      err.println(
          "databricks-mcp: "
              + e.getClass().getSimpleName()
              + ": "
              + Redactor.redact(String.valueOf(e.getMessage())));
      return 1;
    }
  }
}
