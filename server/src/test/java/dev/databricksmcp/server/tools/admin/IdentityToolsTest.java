package dev.databricksmcp.server.tools.admin;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static dev.databricksmcp.server.testing.SandboxFixture.items;
import static dev.databricksmcp.server.testing.SandboxFixture.message;
import static dev.databricksmcp.server.testing.SandboxFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The identity tools against the sandbox's SCIM through the real SDK: who am I (admin or not),
 * users filtered by a SCIM filter or name_contains and paged, a user by id or name, groups with
 * their members, service principals; unknown names are NOT_FOUND and a filter the API refuses is
 * its error.
 */
@Timeout(120)
@SuppressWarnings("unchecked")
class IdentityToolsTest {
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void theCurrentUserSaysWhetherTheyAreAnAdmin() {
    CallToolResult admin = fx.call("get_current_user", Map.of());
    assertThat(ok(admin))
        .containsEntry("user_name", Identities.ADMIN.userName())
        .containsEntry("admin", true);
    assertThat((List<Object>) ok(admin).get("groups")).contains("admins", "users");
    assertThat(message(admin)).contains("a workspace admin");

    CallToolResult analyst = fx.call("get_current_user", Map.of(), Identities.USER_TOKEN, false);
    assertThat(ok(analyst))
        .containsEntry("user_name", Identities.ANALYST.userName())
        .containsEntry("admin", false);
    assertThat((List<Object>) ok(analyst).get("groups")).contains("analysts");
  }

  @Test
  void usersAreFilteredAndPaged() {
    assertThat(items(fx.call("list_users", Map.of("name_contains", "ANALYST"))))
        .extracting(row -> row.get("user_name"))
        .containsExactly(Identities.ANALYST.userName());
    assertThat(
            items(
                fx.call(
                    "list_users",
                    Map.of("filter", "userName eq \"" + Identities.ADMIN.userName() + "\""))))
        .extracting(row -> row.get("user_name"))
        .containsExactly(Identities.ADMIN.userName());

    List<Object> seen = new ArrayList<>();
    Map<String, Object> args = new java.util.HashMap<>(Map.of("max_results", 1));
    for (int pages = 0; pages < 5; pages++) {
      Map<String, Object> data = ok(fx.call("list_users", args));
      seen.addAll(
          ((List<Map<String, Object>>) data.get("items")).stream().map(r -> r.get("id")).toList());
      if (data.get("next_page_token") == null) {
        break;
      }
      args.put("page_token", data.get("next_page_token"));
    }
    assertThat(seen).containsExactly(Identities.ADMIN.id(), Identities.ANALYST.id());
  }

  @Test
  void filterAndNameContainsTogetherOrABadFilterAreRefused() {
    CallToolResult both =
        fx.call("list_users", Map.of("filter", "userName eq \"x\"", "name_contains", "x"));
    assertThat(errorCode(both)).isEqualTo("VALIDATION_ERROR");
    assertThat(String.valueOf(body(both).get("error"))).startsWith("name_contains:");
    assertThat(errorCode(fx.call("list_users", Map.of("filter", "userName gt \"a\""))))
        .isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void aUserByIdOrName() {
    assertThat(ok(fx.call("get_user", Map.of("user", Identities.ANALYST.id()))))
        .containsEntry("user_name", Identities.ANALYST.userName())
        .containsEntry("admin", false);
    assertThat(ok(fx.call("get_user", Map.of("user", Identities.ADMIN.userName()))))
        .containsEntry("id", Identities.ADMIN.id());
    assertThat(errorCode(fx.call("get_user", Map.of("user", "nobody@nowhere"))))
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void groupsAndTheirMembers() {
    List<Map<String, Object>> groups = items(fx.call("list_groups", Map.of()));
    assertThat(groups)
        .extracting(row -> row.get("name"))
        .contains("admins", "users", "data-engineers", "analysts");
    assertThat(items(fx.call("list_groups", Map.of("name_contains", "data"))))
        .extracting(row -> row.get("name"))
        .containsExactly("data-engineers");

    CallToolResult byName = fx.call("get_group", Map.of("group", "Data-Engineers"));
    Map<String, Object> group = ok(byName);
    assertThat(group).containsEntry("name", "data-engineers").containsEntry("member_count", 2);
    assertThat((List<Map<String, Object>>) group.get("members"))
        .extracting(m -> m.get("id") + "/" + m.get("type"))
        .containsExactlyInAnyOrder(
            Identities.ADMIN.id() + "/USER",
            Identities.SERVICE_PRINCIPAL.id() + "/SERVICE_PRINCIPAL");
    assertThat(message(byName)).contains("2 members");
    assertThat(ok(fx.call("get_group", Map.of("group", group.get("id")))))
        .containsEntry("name", "data-engineers");
    assertThat(errorCode(fx.call("get_group", Map.of("group", "no-such-group"))))
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void servicePrincipals() {
    assertThat(items(fx.call("list_service_principals", Map.of())))
        .extracting(row -> row.get("application_id"))
        .containsExactly(Identities.SERVICE_PRINCIPAL.userName());
    assertThat(
            items(fx.call("list_service_principals", Map.of("name_contains", "nothing-like-it"))))
        .isEmpty();
  }
}
