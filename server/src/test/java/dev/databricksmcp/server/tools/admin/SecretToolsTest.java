package dev.databricksmcp.server.tools.admin;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static dev.databricksmcp.server.testing.SandboxFixture.items;
import static dev.databricksmcp.server.testing.SandboxFixture.message;
import static dev.databricksmcp.server.testing.SandboxFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.databricks.sdk.service.workspace.AclPermission;
import com.databricks.sdk.service.workspace.CreateScope;
import com.databricks.sdk.service.workspace.PutAcl;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.server.core.ToolInvoker;
import dev.databricksmcp.server.security.AuditLog;
import dev.databricksmcp.server.security.CallPolicies;
import dev.databricksmcp.server.security.SecuritySettings;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The secret tools against the sandbox through the real SDK: a scope and a secret created and
 * listed without the value ever coming back, ACLs put, listed and deleted, confirmed deletes, the
 * answers for bad names, an unknown scope and a caller without permission; and a canary value put
 * through the full invoker (audit log, call policies, logging at DEBUG) that appears in no result,
 * no error, no audit line and no log line, while the workspace holds it.
 */
@Timeout(120)
class SecretToolsTest {
  private static final String CANARY = "canary-secret-5b9e2d17c0";
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static String error(CallToolResult r) {
    return String.valueOf(body(r).get("error"));
  }

  private static String newScope(String name) {
    ok(fx.call("create_secret_scope", Map.of("scope", name)));
    return name;
  }

  @Test
  void aScopeAndASecretAreListedWithoutTheValue() {
    String scope = newScope("tool-scope");
    CallToolResult put =
        fx.call("put_secret", Map.of("scope", scope, "key", "api-key", "value", "plain-value-42"));
    assertThat(ok(put)).containsEntry("scope", scope).containsEntry("key", "api-key");
    assertThat(message(put)).contains("api-key").doesNotContain("plain-value-42");

    assertThat(items(fx.call("list_secret_scopes", Map.of())))
        .contains(Map.of("name", scope, "backend_type", "DATABRICKS"));
    CallToolResult listed = fx.call("list_secrets", Map.of("scope", scope));
    assertThat(items(listed)).hasSize(1);
    assertThat(items(listed).get(0)).containsOnlyKeys("key", "updated_at");
    assertThat(String.valueOf(items(listed).get(0).get("updated_at"))).endsWith("Z");
    assertThat(listed.toString() + body(listed)).doesNotContain("plain-value-42");
    // the workspace holds it: the REST API returns it to a caller with READ
    assertThat(
            new String(
                Base64.getDecoder()
                    .decode(fx.adminClient().secrets().getSecret(scope, "api-key").getValue()),
                StandardCharsets.UTF_8))
        .isEqualTo("plain-value-42");
  }

  @Test
  void noToolReadsASecretValue() {
    assertThat(
            List.of("get_secret", "get_secret_value", "read_secret").stream()
                .filter(
                    name -> {
                      try {
                        fx.tool(name, false);
                        return true;
                      } catch (IllegalArgumentException absent) {
                        return false;
                      }
                    }))
        .isEmpty();
  }

  @Test
  void badNamesAreValidationErrorsNamingTheField() {
    CallToolResult scope = fx.call("create_secret_scope", Map.of("scope", "has space"));
    assertThat(errorCode(scope)).isEqualTo("VALIDATION_ERROR");
    assertThat(error(scope)).startsWith("scope:");
    CallToolResult key =
        fx.call("put_secret", Map.of("scope", "x", "key", "a/b", "value", "v-value"));
    assertThat(errorCode(key)).isEqualTo("VALIDATION_ERROR");
    assertThat(error(key)).startsWith("key:");
    assertThat(
            errorCode(
                fx.call(
                    "put_secret_acl",
                    Map.of("scope", "x", "principal", "users", "permission", "OWN"))))
        .isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void anUnknownScopeIsNotFoundAndAlreadyExistsIsSaid() {
    assertThat(errorCode(fx.call("list_secrets", Map.of("scope", "no-such-scope"))))
        .isEqualTo("NOT_FOUND");
    String scope = newScope("twice");
    assertThat(errorCode(fx.call("create_secret_scope", Map.of("scope", scope))))
        .isEqualTo("ALREADY_EXISTS");
  }

  @Test
  void aclsArePutListedAndDeletedAndEnforced() {
    String scope = newScope("acl-scope");
    ok(
        fx.call(
            "put_secret_acl",
            Map.of(
                "scope", scope, "principal", Identities.ANALYST.userName(), "permission", "read")));
    assertThat(items(fx.call("list_secret_acls", Map.of("scope", scope))))
        .contains(
            Map.of("principal", Identities.ADMIN.userName(), "permission", "MANAGE"),
            Map.of("principal", Identities.ANALYST.userName(), "permission", "READ"));

    // READ lists but cannot put; the analyst cannot manage ACLs
    CallToolResult asAnalyst =
        fx.call("list_secrets", Map.of("scope", scope), Identities.USER_TOKEN, false);
    assertThat(body(asAnalyst)).containsEntry("success", true);
    CallToolResult denied =
        fx.call(
            "put_secret",
            Map.of("scope", scope, "key", "k", "value", "analyst-value"),
            Identities.USER_TOKEN,
            false);
    assertThat(errorCode(denied)).isEqualTo("PERMISSION_DENIED");
    assertThat(
            errorCode(
                fx.call("list_secret_acls", Map.of("scope", scope), Identities.USER_TOKEN, false)))
        .isEqualTo("PERMISSION_DENIED");

    ok(
        fx.call(
            "delete_secret_acl",
            Map.of("scope", scope, "principal", Identities.ANALYST.userName())));
    assertThat(
            errorCode(
                fx.call("list_secrets", Map.of("scope", scope), Identities.USER_TOKEN, false)))
        .isEqualTo("PERMISSION_DENIED");
  }

  @Test
  void deletesAreConfirmedAndSayWhatGoes() {
    String scope = newScope("doomed");
    ok(fx.call("put_secret", Map.of("scope", scope, "key", "a", "value", "aaaaaa")));
    ok(fx.call("put_secret", Map.of("scope", scope, "key", "b", "value", "bbbbbb")));

    CallToolResult ask = fx.callConfirming("delete_secret", Map.of("scope", scope, "key", "a"));
    assertThat(errorCode(ask)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(error(ask)).contains("delete secret a from scope " + scope);
    assertThat(errorCode(fx.call("delete_secret", Map.of("scope", scope, "key", "zzz"))))
        .isEqualTo("NOT_FOUND");
    ok(fx.call("delete_secret", Map.of("scope", scope, "key", "a")));

    CallToolResult askScope = fx.callConfirming("delete_secret_scope", Map.of("scope", scope));
    assertThat(error(askScope)).contains("delete secret scope " + scope + " and its 1 secret");
    CallToolResult deleted = fx.call("delete_secret_scope", Map.of("scope", scope));
    assertThat(message(deleted)).contains("1 secret");
    assertThat(items(fx.call("list_secret_scopes", Map.of())))
        .noneMatch(row -> scope.equals(row.get("name")));
  }

  /**
   * The canary goes through the whole invoker as a server runs it (call policies, an audit log to a
   * file, every logger at DEBUG): a put that works and a put into a scope that does not exist. The
   * value is in no result, no error, no audit line, no log line; the audit line says the argument
   * was there, masked.
   */
  @Test
  void theCanaryValueIsInNoResultErrorAuditOrLogLine(@TempDir Path dir) throws Exception {
    String scope = newScope("canary-scope");
    Path auditFile = dir.resolve("audit.log");
    ToolInvoker invoker =
        CallPolicies.invoker(
            false, SecuritySettings.defaults(), AuditLog.toFile(auditFile), fx.services);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root =
        ((LoggerContext) LoggerFactory.getILoggerFactory())
            .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level before = root.getLevel();
    logs.start();
    root.addAppender(logs);
    root.setLevel(Level.DEBUG);
    List<CallToolResult> results = new ArrayList<>();
    try {
      for (String target : List.of(scope, "no-such-scope")) {
        results.add(
            invoker.invoke(
                fx.tool("put_secret", false),
                Map.of("scope", target, "key", "canary", "value", CANARY),
                fx.adminContext()));
      }
    } finally {
      root.setLevel(before);
      root.detachAppender(logs);
    }

    assertThat(body(results.get(0))).containsEntry("success", true);
    assertThat(errorCode(results.get(1))).isEqualTo("NOT_FOUND");
    for (CallToolResult r : results) {
      assertThat(r.toString() + r.structuredContent()).doesNotContain(CANARY);
    }
    String audit = Files.readString(auditFile);
    assertThat(audit.lines())
        .hasSize(2)
        .allMatch(line -> line.contains("\"value\":\"[REDACTED]\""));
    assertThat(audit).doesNotContain(CANARY).contains("\"key\":\"canary\"");
    assertThat(logs.list).isNotEmpty();
    for (ILoggingEvent event : logs.list) {
      assertThat(event.getFormattedMessage()).doesNotContain(CANARY);
      assertThat(String.valueOf(event.getThrowableProxy())).doesNotContain(CANARY);
    }
    // stored all the same: the value reached the workspace, and only there
    assertThat(
            new String(
                Base64.getDecoder()
                    .decode(fx.adminClient().secrets().getSecret(scope, "canary").getValue()),
                StandardCharsets.UTF_8))
        .isEqualTo(CANARY);
  }

  /** A scope made over the SDK with an ACL for a group: the tools list it like any other. */
  @Test
  void aGroupAclMadeElsewhereIsListed() {
    fx.adminClient().secrets().createScope(new CreateScope().setScope("sdk-scope"));
    fx.adminClient()
        .secrets()
        .putAcl(
            new PutAcl()
                .setScope("sdk-scope")
                .setPrincipal("data-engineers")
                .setPermission(AclPermission.WRITE));
    assertThat(items(fx.call("list_secret_acls", Map.of("scope", "sdk-scope"))))
        .contains(Map.of("principal", "data-engineers", "permission", "WRITE"));
  }
}
