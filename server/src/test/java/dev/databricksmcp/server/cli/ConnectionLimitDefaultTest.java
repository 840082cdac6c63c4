package dev.databricksmcp.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The per-address connection limit applies where client addresses tell clients apart: beyond
 * loopback outside a Databricks App. On loopback and behind the Apps proxy every client has one
 * address, so a limit there would cap how many clients may connect at all.
 */
class ConnectionLimitDefaultTest {
  private static final Map<String, String> IN_AN_APP =
      Map.of("DATABRICKS_APP_NAME", "mcp", "DATABRICKS_APP_PORT", "8000");

  private static int limit(Map<String, String> env, String... args) {
    return ServeOptions.from(ParsedArgs.parse(args, env)).connectionsPerClient(env);
  }

  @Test
  void beyondLoopbackOutsideAnAppClientsAreLimited() {
    assertThat(limit(Map.of(), "--transport", "http", "--host", "0.0.0.0", "--auth", "token"))
        .isEqualTo(ServeOptions.DEFAULT_CONNECTIONS_PER_CLIENT);
  }

  @Test
  void onLoopbackOrInsideAnAppThereIsNoLimitUnlessOneIsGiven() {
    assertThat(limit(Map.of(), "--transport", "http")).isZero();
    assertThat(limit(Map.of(), "--transport", "http", "--host", "localhost")).isZero();
    assertThat(
            limit(
                IN_AN_APP, "--transport", "http", "--host", "0.0.0.0", "--auth", "databricks-apps"))
        .isZero();
    assertThat(
            limit(Map.of("DATABRICKS_APP_NAME", "mcp"), "--transport", "http", "--host", "0.0.0.0"))
        .as("one of the two variables is not an App")
        .isEqualTo(ServeOptions.DEFAULT_CONNECTIONS_PER_CLIENT);
  }

  @Test
  void aGivenLimitWinsEverywhere() {
    assertThat(limit(Map.of(), "--transport", "http", "--max-connections-per-client", "5"))
        .isEqualTo(5);
    assertThat(
            limit(
                IN_AN_APP,
                "--transport",
                "http",
                "--host",
                "0.0.0.0",
                "--max-connections-per-client",
                "7"))
        .isEqualTo(7);
    assertThat(
            limit(
                Map.of("DATABRICKS_MCP_MAX_CONNECTIONS_PER_CLIENT", "3"),
                "--transport",
                "http",
                "--host",
                "0.0.0.0"))
        .isEqualTo(3);
  }
}
