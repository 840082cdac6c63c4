package dev.databricksmcp.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.databricksmcp.server.transport.HttpAuth;
import dev.databricksmcp.server.transport.HttpSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * --auth databricks-oauth: the custom app's client id is required; beyond loopback the public URL
 * is too (Databricks redirects users back to it and every token is bound to it); and replicas
 * (--stateless) need the sealing key they share, or none could open another's tokens.
 */
class OAuthExposureTest {
  private static HttpSettings settings(Map<String, String> env, String... args) {
    return ServeOptions.from(ParsedArgs.parse(args, env)).httpSettings();
  }

  @Test
  void theClientIdAndPublicUrlComeFromOptionsOrEnvironment() {
    HttpSettings s =
        settings(
            Map.of("DATABRICKS_MCP_OAUTH_CLIENT_ID", "app-id"),
            "--transport",
            "http",
            "--auth",
            "databricks-oauth",
            "--public-url",
            "https://mcp.example.com/");
    assertThat(s.auth().mode()).isEqualTo(HttpAuth.Mode.DATABRICKS_OAUTH);
    assertThat(s.auth().oauth().clientId()).isEqualTo("app-id");
    assertThat(s.auth().oauth().publicUrl()).isEqualTo("https://mcp.example.com");
  }

  @Test
  void withoutAClientIdItDoesNotStart() {
    assertThatThrownBy(
            () -> settings(Map.of(), "--transport", "http", "--auth", "databricks-oauth"))
        .hasMessageContaining("DATABRICKS_MCP_OAUTH_CLIENT_ID");
  }

  @Test
  void beyondLoopbackThePublicUrlIsRequired() {
    HttpSettings s =
        settings(
            Map.of(),
            "--transport",
            "http",
            "--host",
            "0.0.0.0",
            "--auth",
            "databricks-oauth",
            "--oauth-client-id",
            "app-id");
    assertThatThrownBy(() -> s.checkExposure(Map.of())).hasMessageContaining("--public-url");
    HttpSettings withUrl =
        settings(
            Map.of(),
            "--transport",
            "http",
            "--host",
            "0.0.0.0",
            "--auth",
            "databricks-oauth",
            "--oauth-client-id",
            "app-id",
            "--public-url",
            "https://mcp.example.com");
    assertThatCode(() -> withUrl.checkExposure(Map.of())).doesNotThrowAnyException();
  }

  @Test
  void aPublicUrlWithAPathIsRefused() {
    assertThatThrownBy(
            () ->
                settings(
                    Map.of(),
                    "--transport",
                    "http",
                    "--auth",
                    "databricks-oauth",
                    "--oauth-client-id",
                    "app-id",
                    "--public-url",
                    "https://mcp.example.com/team"))
        .hasMessageContaining("without a path");
  }

  @Test
  void replicasNeedTheSharedKey() {
    HttpSettings s =
        settings(
            Map.of(),
            "--transport",
            "http",
            "--stateless",
            "--auth",
            "databricks-oauth",
            "--oauth-client-id",
            "app-id");
    assertThatThrownBy(() -> s.checkExposure(Map.of()))
        .hasMessageContaining("DATABRICKS_MCP_OAUTH_KEY");
  }
}
