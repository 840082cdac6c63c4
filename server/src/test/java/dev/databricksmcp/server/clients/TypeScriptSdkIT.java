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
 * error.
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

  private static void assertSession(NodeClients.Run run, String mode) {
    for (String check : CHECKS) {
      assertThat(run.output())
          .as("check '%s' over %s", check, mode)
          .containsPattern("(?m)^PASS " + java.util.regex.Pattern.quote(check));
    }
    assertThat(run.output())
        .doesNotContain("FAIL ")
        .contains("ts-session (" + mode + "): " + CHECKS.size() + " passed, 0 failed");
    assertThat(run.exitCode()).isZero();
  }
}
