package dev.databricksmcp.server.cli;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * What a person who starts the stdio server in a terminal is told: that it is an MCP server waiting
 * for a client on stdin, how to connect one, and how to try a tool without one. Without it the
 * server looks hung. A client that launches the server (stdin a pipe) is told nothing.
 *
 * <p>Java 17 cannot ask whether stdin alone is a terminal, so the {@code databricks-mcp} launcher,
 * which can ({@code [ -t 0 ]}, a bash builtin), says so in the system property {@value #PROPERTY}:
 * {@code terminal} or {@code pipe}. Started with {@code java -jar}, the property is missing and
 * {@link System#console()} decides: on JDK 17-21 it exists only when stdin and stdout are both a
 * terminal (a client pipes both); from JDK 22 it always exists and {@code Console.isTerminal()}
 * says.
 */
final class TerminalHint {
  static final String PROPERTY = "databricks.mcp.stdin";

  private TerminalHint() {}

  /** True when stdin is a person's terminal: the launcher's word, else the console's. */
  static boolean stdinIsTerminal(String launcherSays, Console console) {
    if ("terminal".equals(launcherSays)) {
      return true;
    }
    if ("pipe".equals(launcherSays)) {
      return false;
    }
    return console != null && isTerminal(console);
  }

  /** The two lines, with the options the server was started with where they matter. */
  static String text(boolean sandbox) {
    String opts = sandbox ? " --sandbox" : "";
    return "databricks-mcp is an MCP server: it waits for an MCP client to talk JSON-RPC on"
        + " stdin/stdout (Ctrl-C stops it).\n"
        + "Connect a client: databricks-mcp client-config claude-desktop --write (or cursor,"
        + " vscode, ...); try a tool here instead: databricks-mcp"
        + opts
        + " tools, databricks-mcp"
        + opts
        + " call get_workspace_info; check the set-up: databricks-mcp"
        + opts
        + " doctor\n";
  }

  /** {@code Console.isTerminal()} where the JDK has it (22+); before, a console is a terminal. */
  private static boolean isTerminal(Console console) {
    try {
      Method method = Console.class.getMethod("isTerminal");
      return (Boolean) method.invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
