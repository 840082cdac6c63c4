package dev.databricksmcp.server.tools.catalog;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.data;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Changes that take something away from someone are confirmed, as deletes are: a revoke, an owner
 * change, stopping a warehouse that is running work. The same tools doing harmless things (a grant,
 * a comment, stopping a stopped warehouse) are not asked about.
 */
@Timeout(120)
class ConfirmedChangesTest {
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
    fx.call(
        "execute_sql", Map.of("statement", "CREATE TABLE main.default.revokable AS SELECT 1 AS x"));
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static final Map<String, Object> TABLE =
      Map.of("securable_type", "table", "full_name", "main.default.revokable");

  private static Map<String, Object> grants(
      String principal, String field, List<String> privileges) {
    Map<String, Object> args = new HashMap<>(TABLE);
    args.put("principal", principal);
    args.put(field, privileges);
    return args;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> privilegesOf(String principal) {
    Map<String, Object> data =
        data(
            fx.call(
                "get_grants",
                Map.of("securable_type", "table", "full_name", "main.default.revokable")));
    for (Map<String, Object> a : (List<Map<String, Object>>) data.get("items")) {
      if (principal.equals(a.get("principal"))) {
        return (List<Object>) a.get("privileges");
      }
    }
    return List.of();
  }

  @Test
  void aGrantRunsAtOnceButARevokeIsConfirmedAndSaysWhatGoes() {
    CallToolResult granted =
        fx.callConfirming("update_grants", grants("users", "add", List.of("SELECT", "MODIFY")));
    assertThat(granted.isError()).as(String.valueOf(body(granted))).isFalse();

    CallToolResult asked =
        fx.callConfirming("update_grants", grants("users", "remove", List.of("ALL_PRIVILEGES")));
    assertThat(errorCode(asked)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(body(asked).get("error"))
        .asString()
        .contains("every privilege")
        .contains("users")
        .contains("main.default.revokable");
    assertThat(privilegesOf("users")).containsExactlyInAnyOrder("SELECT", "MODIFY");

    CallToolResult askedAgain =
        fx.callConfirming("update_grants", grants("users", "remove", List.of("SELECT", "MODIFY")));
    assertThat(body(askedAgain).get("error"))
        .asString()
        .contains("[SELECT, MODIFY]")
        .contains("holds [MODIFY, SELECT]");
    Map<String, Object> confirmed = grants("users", "remove", List.of("SELECT", "MODIFY"));
    confirmed.put(
        "confirmation_token",
        ((Map<?, ?>) body(askedAgain).get("details")).get("confirmation_token"));
    CallToolResult revoked = fx.callConfirming("update_grants", confirmed);
    assertThat(revoked.isError()).as(String.valueOf(body(revoked))).isFalse();
    assertThat(privilegesOf("users")).isEmpty();
  }

  @Test
  void aRevokeConfirmedBeforeTheGrantsChangedDoesNothing() {
    fx.callConfirming("update_grants", grants("account users", "add", List.of("SELECT")));
    CallToolResult asked =
        fx.callConfirming("update_grants", grants("account users", "remove", List.of("SELECT")));
    fx.call("update_grants", grants("account users", "add", List.of("MODIFY")));

    Map<String, Object> stale = grants("account users", "remove", List.of("SELECT"));
    stale.put(
        "confirmation_token", ((Map<?, ?>) body(asked).get("details")).get("confirmation_token"));
    assertThat(errorCode(fx.callConfirming("update_grants", stale)))
        .isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(privilegesOf("account users")).containsExactlyInAnyOrder("SELECT", "MODIFY");
  }

  @Test
  void anOwnerChangeIsConfirmedACommentIsNot() {
    fx.call("create_catalog", Map.of("name", "owned"));
    assertThat(
            fx.callConfirming(
                    "update_catalog", Map.of("name", "owned", "comment", "just a comment"))
                .isError())
        .isFalse();
    CallToolResult asked =
        fx.callConfirming(
            "update_catalog", Map.of("name", "owned", "owner", "someone-else@example.com"));
    assertThat(errorCode(asked)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(body(asked).get("error"))
        .asString()
        .contains("change the owner of catalog 'owned'")
        .contains("someone-else@example.com");

    fx.call("create_schema", Map.of("catalog_name", "owned", "name", "s"));
    assertThat(
            errorCode(
                fx.callConfirming(
                    "update_schema", Map.of("full_name", "owned.s", "owner", "x@example.com"))))
        .isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(
            fx.callConfirming("update_schema", Map.of("full_name", "owned.s", "comment", "c"))
                .isError())
        .isFalse();
  }

  @Test
  @SuppressWarnings("unchecked")
  void stoppingARunningWarehouseIsConfirmedAStoppedOneIsNot() {
    Map<String, Object> created =
        (Map<String, Object>)
            body(fx.call("create_warehouse", Map.of("name", "confirm-wh"))).get("data");
    String id = String.valueOf(created.get("id"));
    fx.call("start_warehouse", Map.of("warehouse_id", id, "wait_seconds", 30));

    CallToolResult asked =
        fx.callConfirming("stop_warehouse", Map.of("warehouse_id", id, "wait_seconds", 0));
    assertThat(errorCode(asked)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(body(asked).get("error"))
        .asString()
        .contains("confirm-wh")
        .contains("running queries fail");

    fx.call("stop_warehouse", Map.of("warehouse_id", id, "wait_seconds", 30));
    CallToolResult stopped =
        fx.callConfirming("stop_warehouse", Map.of("warehouse_id", id, "wait_seconds", 0));
    assertThat(stopped.isError()).as(String.valueOf(body(stopped))).isFalse();
  }
}
