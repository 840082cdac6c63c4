package dev.databricksmcp.server.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * --auth databricks-apps trusts what the Apps proxy forwards; outside a Databricks App nothing
 * stands in front of the port, so listening beyond loopback there needs the operator's explicit
 * opt-in.
 */
class AppsExposureTest {
  private static final Map<String, String> IN_AN_APP =
      Map.of("DATABRICKS_APP_NAME", "mcp", "DATABRICKS_APP_PORT", "8000");
  private static final String[] APPS_ON_ALL_INTERFACES = {
    "--transport", "http", "--host", "0.0.0.0", "--auth", "databricks-apps"
  };

  private static void check(Map<String, String> env, String... args) {
    ServeOptions.from(ParsedArgs.parse(args, env)).httpSettings().checkExposure(env);
  }

  @Test
  void beyondLoopbackOutsideAnAppIsRefused() {
    assertThatThrownBy(() -> check(Map.of(), APPS_ON_ALL_INTERFACES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside a Databricks App")
        .hasMessageContaining("--allow-apps-auth-outside-app");
  }

  @Test
  void oneOfTheTwoAppVariablesIsNotAnApp() {
    Map<String, String> halfway = Map.of("DATABRICKS_APP_NAME", "mcp");

    assertThatThrownBy(() -> check(halfway, APPS_ON_ALL_INTERFACES))
        .hasMessageContaining("outside a Databricks App");
  }

  @Test
  void insideAnAppOnLoopbackOrWithTheOptInItListens() {
    assertThatCode(() -> check(IN_AN_APP, APPS_ON_ALL_INTERFACES)).doesNotThrowAnyException();
    assertThatCode(
            () ->
                check(
                    Map.of(),
                    "--transport",
                    "http",
                    "--host",
                    "127.0.0.1",
                    "--auth",
                    "databricks-apps"))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                check(
                    Map.of(),
                    "--transport",
                    "http",
                    "--host",
                    "0.0.0.0",
                    "--auth",
                    "databricks-apps",
                    "--allow-apps-auth-outside-app"))
        .doesNotThrowAnyException();
    Map<String, String> optInByVariable =
        Map.of("DATABRICKS_MCP_ALLOW_APPS_AUTH_OUTSIDE_APP", "true");
    assertThatCode(() -> check(optInByVariable, APPS_ON_ALL_INTERFACES)).doesNotThrowAnyException();
  }

  @Test
  void theOptInDoesNotOpenTokenlessServing() {
    String[] noAuth = {"--transport", "http", "--host", "0.0.0.0", "--allow-apps-auth-outside-app"};
    assertThatThrownBy(() -> check(Map.of(), noAuth))
        .hasMessageContaining("without authentication");
  }
}
