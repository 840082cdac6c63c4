package dev.databricksmcp.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A session through the official TypeScript SDK client (src/test/clients/ts-session.mjs) against
 * the packaged server on the sandbox, over stdio and Streamable HTTP: initialize, list tools, a
 * slow execute_sql with progress, resuming with get_statement, an error envelope, a validation
 * error. And ts-dynamic.mjs against a server started with --dynamic-toolsets: it starts small,
 * enable_toolset brings notifications/tools/list_changed, and the new tool is listed and runs.
 */
class TypeScriptSdkIT {
  private static final List<String> CHECKS =
      List.of(
          "initialize",
          "tools/list",
          "execute_sql returns a handle at its deadline",
          "progress notifications during execute_sql",
          "get_statement resumes to the result",
          "error envelope",
          "validation error names the field");

  @Test
  void sessionOverStdio() {
    List<String> command =
        new ArrayList<>(List.of(NodeClients.ensureInstalled(), "ts-session.mjs", "stdio"));
    command.addAll(PackagedServer.stdioCommand());
    assertSession(
        NodeClients.run(command, Map.of(), Duration.ofMinutes(3), "ts-sdk stdio"), "stdio");
  }

  @Test
  void sessionOverStreamableHttp() throws Exception {
    String node = NodeClients.ensureInstalled();
    try (PackagedServer server = PackagedServer.http("ts-sdk-http-server")) {
      assertSession(
          NodeClients.run(
              List.of(node, "ts-session.mjs", "http", server.url()),
              Map.of(),
              Duration.ofMinutes(3),
              "ts-sdk http"),
          "http");
    }
  }

  /** ts-dynamic.mjs: what a dynamic session must show, in order. */
  private static final List<String> DYNAMIC_CHECKS =
      List.of(
          "initialize declares tools.listChanged",
          "tools/list starts small",
          "list_available_toolsets offers catalog, not enabled",
          "get_toolset_tools describes the catalog tools",
          "enable_toolset catalog",
          "tools/list_changed received",
          "tools/list shows the new tools",
          "list_catalogs (newly enabled) runs",
          "get_workspace_info reports dynamic mode",
          "unknown toolset refused");

  @Test
  void dynamicToolsetsOverStdio() {
    List<String> command =
        new ArrayList<>(List.of(NodeClients.ensureInstalled(), "ts-dynamic.mjs", "stdio"));
    command.addAll(PackagedServer.stdioCommand());
    command.add("--dynamic-toolsets");
    assertChecks(
        NodeClients.run(command, Map.of(), Duration.ofMinutes(3), "ts-sdk dynamic stdio"),
        "ts-dynamic",
        DYNAMIC_CHECKS,
        "stdio");
  }

  @Test
  void dynamicToolsetsOverStreamableHttp() throws Exception {
    String node = NodeClients.ensureInstalled();
    try (PackagedServer server =
        PackagedServer.http("ts-sdk-dynamic-http-server", "--dynamic-toolsets")) {
      assertChecks(
          NodeClients.run(
              List.of(node, "ts-dynamic.mjs", "http", server.url()),
              Map.of(),
              Duration.ofMinutes(3),
              "ts-sdk dynamic http"),
          "ts-dynamic",
          DYNAMIC_CHECKS,
          "http");
    }
  }

  private static void assertSession(NodeClients.Run run, String mode) {
    assertChecks(run, "ts-session", CHECKS, mode);
  }

  private static void assertChecks(
      NodeClients.Run run, String script, List<String> checks, String mode) {
    for (String check : checks) {
      assertThat(run.output())
          .as("check '%s' over %s", check, mode)
          .containsPattern("(?m)^PASS " + java.util.regex.Pattern.quote(check));
    }
    assertThat(run.output())
        .doesNotContain("FAIL ")
        .contains(script + " (" + mode + "): " + checks.size() + " passed, 0 failed");
    assertThat(run.exitCode()).isZero();
  }
}
