package dev.databricksmcp.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * --auth settings on their own: the token list an operator writes, and what counts as a Databricks
 * App.
 */
class HttpAuthRulesTest {
  private static final String TOKEN = "s3cret-token-for-tests-0123456789";

  @Test
  void tokensParseFromEnvironmentOrFileText() {
    assertThat(HttpAuth.parseTokens("abc, ci=def\n# comment\nghi"))
        .containsExactly(
            Map.entry("token-1", "abc"), Map.entry("ci", "def"), Map.entry("token-3", "ghi"));
  }

  @Test
  void spacesAroundNamesTokensAndBlankEntriesAreIgnored() {
    assertThat(
            HttpAuth.parseTokens(
                "  ci =  tok-one \n\n , ,\n  # ops=not-a-token\n nightly= tok-two  "))
        .containsExactly(Map.entry("ci", "tok-one"), Map.entry("nightly", "tok-two"));
  }

  @Test
  void anEntryWithAnEmptyNameIsOneUnnamedTokenNotAPrincipalCalledNothing() {
    assertThat(HttpAuth.parseTokens("=" + TOKEN))
        .containsExactly(Map.entry("token-1", "=" + TOKEN));
  }

  /**
   * A base64 token's padding must not turn its body into a principal name that then shows in the
   * logs.
   */
  @Test
  void aBareBase64TokenWithPaddingStaysOneToken() {
    assertThat(HttpAuth.parseTokens("c2VjcmV0LXRva2VuLXZhbHVlLTE=="))
        .containsExactly(Map.entry("token-1", "c2VjcmV0LXRva2VuLXZhbHVlLTE=="));
    assertThat(HttpAuth.parseTokens("ci=c2VjcmV0LXRva2VuLXZhbHVlLTE="))
        .containsExactly(Map.entry("ci", "c2VjcmV0LXRva2VuLXZhbHVlLTE="));
  }

  @Test
  void noTextMeansNoTokens() {
    assertThat(HttpAuth.parseTokens(null)).isEmpty();
    assertThat(HttpAuth.parseTokens("# only a comment\n")).isEmpty();
  }

  @Test
  void tokenModeNeedsTokensOfAtLeast16Characters() {
    assertThatThrownBy(() -> new HttpAuth(HttpAuth.Mode.TOKEN, Map.of(), false))
        .hasMessageContaining("DATABRICKS_MCP_AUTH_TOKENS");
    assertThatThrownBy(
            () -> new HttpAuth(HttpAuth.Mode.TOKEN, Map.of("short", "fifteen-chars-x"), false))
        .hasMessageContaining("16");

    assertThat(new HttpAuth(HttpAuth.Mode.TOKEN, Map.of("ok", "sixteen-chars-xx"), false).tokens())
        .containsEntry("ok", "sixteen-chars-xx");
    assertThat(HttpAuth.none().mode()).isEqualTo(HttpAuth.Mode.NONE);
    assertThat(new HttpAuth(HttpAuth.Mode.DATABRICKS_APPS, Map.of(), true).tokens()).isEmpty();
  }

  @Test
  void aDatabricksAppSetsBothOfItsVariables() {
    Map<String, String> app = Map.of("DATABRICKS_APP_NAME", "mcp", "DATABRICKS_APP_PORT", "8000");
    assertThat(HttpAuth.insideDatabricksApp(app)).isTrue();

    assertThat(HttpAuth.insideDatabricksApp(Map.of())).isFalse();
    assertThat(HttpAuth.insideDatabricksApp(Map.of("DATABRICKS_APP_NAME", "mcp"))).isFalse();
    assertThat(HttpAuth.insideDatabricksApp(Map.of("DATABRICKS_APP_PORT", "8000"))).isFalse();
    Map<String, String> blank =
        new HashMap<>(Map.of("DATABRICKS_APP_NAME", " ", "DATABRICKS_APP_PORT", "8000"));
    assertThat(HttpAuth.insideDatabricksApp(blank)).as("blank name").isFalse();
    blank.putAll(Map.of("DATABRICKS_APP_NAME", "mcp", "DATABRICKS_APP_PORT", ""));
    assertThat(HttpAuth.insideDatabricksApp(blank)).as("empty port").isFalse();
  }
}
