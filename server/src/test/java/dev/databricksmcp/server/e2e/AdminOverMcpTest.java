package dev.databricksmcp.server.e2e;

import static dev.databricksmcp.server.testing.SandboxOverMcp.data;
import static dev.databricksmcp.server.testing.SandboxOverMcp.items;
import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.server.testing.SandboxOverMcp;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What issue 21 says a model can do on the sandbox, done the way a model does it: MCP tool calls
 * over Streamable HTTP with the admin toolset on. Create a scope and a secret and list it without
 * the value ever coming back; list a group's members. The rest of the scenario has a class
 * of its own: who can run a job and a group's grant ({@link PermissionsOverMcpTest}), publishing
 * and trashing a dashboard ({@link DashboardsOverMcpTest}), an app stopped and started ({@link
 * AppsOverMcpTest}).
 */
@Timeout(120)
class AdminOverMcpTest {
  /** A value no response may contain, whatever the tool or the outcome. */
  private static final String CANARY = "canary-3f9c1e-never-shown";

  // one sandbox for the class: each test works on objects of its own
  private static SandboxOverMcp mcp;

  @BeforeAll
  static void start() {
    mcp = SandboxOverMcp.start(Sandbox.start(new SandboxOptions(0, null, 200, 500)), "admin");
  }

  @AfterAll
  static void stop() {
    mcp.close();
  }

  @Test
  void createAScopeAndASecretAndListItWithoutEverSeeingTheValue() {
    List<CallToolResult> seen =
        List.of(
            mcp.call("create_secret_scope", Map.of("scope", "etl")),
            mcp.call("put_secret", Map.of("scope", "etl", "key", "db-password", "value", CANARY)),
            mcp.call("list_secrets", Map.of("scope", "etl")),
            mcp.call("list_secret_scopes", Map.of()),
            mcp.attempt("put_secret", Map.of("scope", "no-such", "key", "k", "value", CANARY)));

    assertThat(items(seen.get(2)))
        .singleElement()
        .satisfies(s -> assertThat(s).containsEntry("key", "db-password"));
    assertThat(items(seen.get(3))).extracting(s -> s.get("name")).contains("etl");
    assertThat(seen).allSatisfy(r -> assertThat(r.toString()).doesNotContain(CANARY));
    // The value was stored all the same: the workspace gives it back to a caller allowed to read
    // it.
    assertThat(
            new String(
                java.util.Base64.getDecoder()
                    .decode(mcp.admin().secrets().getSecret("etl", "db-password").getValue())))
        .isEqualTo(CANARY);
  }

  @Test
  void listTheMembersOfAGroupAndFindItByPartOfItsName() {
    Map<String, Object> analysts = data(mcp.call("get_group", Map.of("group", "Analysts")));
    assertThat(analysts).containsEntry("name", "analysts").containsEntry("member_count", 1);
    assertThat((List<Map<String, Object>>) analysts.get("members"))
        .singleElement()
        .satisfies(
            m ->
                assertThat(m)
                    .containsEntry("type", "USER")
                    .containsEntry("id", Identities.ANALYST.id()));

    assertThat(items(mcp.call("list_groups", Map.of("filter", "displayName co \"data\""))))
        .extracting(g -> g.get("name"))
        .containsExactly("data-engineers");
  }
}
