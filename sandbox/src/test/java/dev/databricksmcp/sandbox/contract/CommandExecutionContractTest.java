package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.ClustersContractTest.awaitState;
import static dev.databricksmcp.sandbox.contract.ClustersContractTest.create;
import static dev.databricksmcp.sandbox.contract.ClustersContractTest.permanentlyDelete;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.analyst;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.quote;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.sdk;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.InvalidState;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.compute.CancelCommand;
import com.databricks.sdk.service.compute.Command;
import com.databricks.sdk.service.compute.CommandStatus;
import com.databricks.sdk.service.compute.CommandStatusResponse;
import com.databricks.sdk.service.compute.ContextStatus;
import com.databricks.sdk.service.compute.CreateContext;
import com.databricks.sdk.service.compute.DestroyContext;
import com.databricks.sdk.service.compute.Language;
import com.databricks.sdk.service.compute.ResultType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Command Execution API 1.2 against its reference (index:
 * https://docs.databricks.com/api/command-execution/v2.md) and the Databricks SDK for Java's {@code
 * CommandExecutionAPI} (the status values Queued, Running, Finished, Error, Cancelled, Cancelling;
 * context status Pending, Running, Error; result types text, table, error, image, images). The
 * pages document no error codes: where a call is refused, the code is the one the Clusters API
 * gives for the same condition (an unknown cluster: 400 INVALID_PARAMETER_VALUE; a cluster not
 * RUNNING: 400 INVALID_STATE "Cluster … is in unexpected state Terminated."), and an unknown
 * context or command is 404 RESOURCE_DOES_NOT_EXIST.
 */
@Timeout(180)
@ExtendWith(SharedSandbox.class)
class CommandExecutionContractTest {
  private static final String INVALID = "INVALID_PARAMETER_VALUE";
  private static String cluster;

  @BeforeAll
  static void runningCluster() {
    cluster = awaitState(create(unique("commands"), 1), "RUNNING");
  }

  @AfterAll
  static void deleteCluster() {
    permanentlyDelete(cluster);
  }

  /**
   * Create: {@code {clusterId, language}} answers {@code {"id": "1234567890123456789"}}; status
   * answers {@code {id, status}}; destroy answers {@code {}} and the context is gone after.
   * https://docs.databricks.com/api/command-execution/v2/create.md
   * https://docs.databricks.com/api/command-execution/v2/get-context-status.md
   * https://docs.databricks.com/api/command-execution/v2/destroy.md
   */
  @Test
  @Contract(
      value = "POST /api/1.2/contexts/create",
      doc = "https://docs.databricks.com/api/command-execution/v2/create.md")
  @Contract(
      value = "GET /api/1.2/contexts/status",
      doc = "https://docs.databricks.com/api/command-execution/v2/get-context-status.md")
  @Contract(
      value = "POST /api/1.2/contexts/destroy",
      doc = "https://docs.databricks.com/api/command-execution/v2/destroy.md")
  void contextsAreCreatedQueriedAndDestroyed() {
    String id = context("sql");
    assertThat(id).matches("\\d+");
    JsonNode status = admin().get(contextStatus(id)).ok();
    JsonShape.of("{\"id\": \"string\", \"status\": \"Pending|Running|Error\"}")
        .required("id", "status")
        .check(status);
    assertThat(status.get("id").asText()).isEqualTo(id);
    assertThat(status.get("status").asText()).isEqualTo("Running");

    admin()
        .post(
            "/api/1.2/contexts/destroy",
            "{\"clusterId\": \"" + cluster + "\", \"contextId\": \"" + id + "\"}")
        .okEmpty();
    admin()
        .get(contextStatus(id))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);

    admin()
        .post("/api/1.2/contexts/create", "{\"language\": \"sql\"}")
        .isError(400, INVALID, InvalidParameterValue.class);
    admin()
        .post("/api/1.2/contexts/create", "{\"clusterId\": \"" + cluster + "\"}")
        .isError(400, INVALID, InvalidParameterValue.class);
    admin()
        .post(
            "/api/1.2/contexts/create",
            "{\"clusterId\": \"0000-000000-nothere0\", \"language\": \"sql\"}")
        .isError(400, INVALID, InvalidParameterValue.class);
    analyst()
        .post(
            "/api/1.2/contexts/create",
            "{\"clusterId\": \"" + cluster + "\", \"language\": \"sql\"}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
  }

  /**
   * Execute answers {@code {"id"}}; status answers {@code {id, status, results}}: a SQL command's
   * rows as {@code results.resultType "table"} with {@code data}, {@code schema} and {@code
   * truncated}; a failing statement as {@code resultType "error"} with {@code summary} and {@code
   * cause}, status Error. https://docs.databricks.com/api/command-execution/v2/execute.md
   * https://docs.databricks.com/api/command-execution/v2/get-command-status.md
   */
  @Test
  @Contract(
      value = "POST /api/1.2/commands/execute",
      doc = "https://docs.databricks.com/api/command-execution/v2/execute.md")
  @Contract(
      value = "GET /api/1.2/commands/status",
      doc = "https://docs.databricks.com/api/command-execution/v2/get-command-status.md")
  void sqlCommandsAnswerTablesAndErrors() {
    String ctx = context("sql");
    JsonNode done = awaitDone(ctx, execute(ctx, "sql", "SELECT 6*7 AS answer, 'x' AS s"));
    JsonShape.of(
            "{\"id\": \"string\", \"status\": \"Queued|Running|Finished|Error|Cancelled|Cancelling\","
                + " \"results\": {\"resultType\": \"text|table|error|image|images\","
                + " \"data\": [], \"schema\": [{\"name\": \"string\", \"type\":"
                + " \"string\", \"metadata\": \"string\"}], \"truncated\": true,"
                + " \"isJsonSchema\": true}}")
        .required("id", "status", "results.resultType", "results.data", "results.schema")
        .check(done);
    assertThat(done.get("status").asText()).isEqualTo("Finished");
    JsonNode results = done.get("results");
    assertThat(results.get("resultType").asText()).isEqualTo("table");
    assertThat(results.get("data").get(0).get(0).asInt()).isEqualTo(42);
    assertThat(results.get("data").get(0).get(1).asText()).isEqualTo("x");
    assertThat(results.get("schema").get(0).get("name").asText()).isEqualTo("answer");
    assertThat(results.get("truncated").asBoolean()).isFalse();

    JsonNode failed = awaitDone(ctx, execute(ctx, "sql", "SELECT * FROM main.default.nothere"));
    assertThat(failed.get("status").asText()).isEqualTo("Error");
    assertThat(failed.get("results").get("resultType").asText()).isEqualTo("error");
    assertThat(failed.get("results").get("summary").asText()).contains("TABLE_OR_VIEW_NOT_FOUND");
    assertThat(failed.get("results").get("cause").asText()).isNotBlank();

    admin()
        .post(
            "/api/1.2/commands/execute",
            "{\"clusterId\": \"" + cluster + "\", \"contextId\": \"" + ctx + "\"}")
        .isError(400, INVALID, InvalidParameterValue.class);
    admin()
        .get(commandStatus(ctx, "nothere"))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /** A table result keeps 10,000 rows, as a notebook's display does, and says it was cut. */
  @Test
  void aLongTableIsTruncated() {
    String ctx = context("sql");
    JsonNode done = awaitDone(ctx, execute(ctx, "sql", "SELECT * FROM range(10005)"));
    assertThat(done.get("status").asText()).isEqualTo("Finished");
    assertThat(done.get("results").get("data").size()).isEqualTo(10_000);
    assertThat(done.get("results").get("truncated").asBoolean()).isTrue();
  }

  /** Scala and R commands finish with an error result: the sandbox runs neither. */
  @Test
  void scalaAndRAreAnsweredWithAnErrorResult() {
    for (String language : List.of("scala", "r")) {
      String ctx = context(language);
      JsonNode done = awaitDone(ctx, execute(ctx, language, "1 + 1"));
      assertThat(done.get("status").asText()).isEqualTo("Error");
      assertThat(done.get("results").get("cause").asText()).contains("does not run");
    }
  }

  /**
   * Python without the opt-in finishes with an error result that says how to turn it on; nothing
   * runs on the host.
   */
  @Test
  void pythonIsRefusedWithoutTheOptIn() {
    String ctx = context("python");
    JsonNode done = awaitDone(ctx, execute(ctx, "python", "print(1)"));
    assertThat(done.get("status").asText()).isEqualTo("Error");
    assertThat(done.get("results").get("cause").asText()).contains("--sandbox-python");
  }

  /**
   * Cancel answers {@code {}}; a running command ends Cancelled.
   * https://docs.databricks.com/api/command-execution/v2/cancel.md
   */
  @Test
  @Contract(
      value = "POST /api/1.2/commands/cancel",
      doc = "https://docs.databricks.com/api/command-execution/v2/cancel.md")
  void cancelStopsARunningCommand() {
    String ctx = context("sql");
    String cmd = execute(ctx, "sql", "SELECT sandbox_sleep(30)");
    admin()
        .post(
            "/api/1.2/commands/cancel",
            "{\"clusterId\": \""
                + cluster
                + "\", \"contextId\": \""
                + ctx
                + "\", \"commandId\": \""
                + cmd
                + "\"}")
        .okEmpty();
    assertThat(awaitDone(ctx, cmd).get("status").asText()).isEqualTo("Cancelled");
  }

  /** A terminated cluster takes no new context, and the contexts it had are gone. */
  @Test
  void aTerminatedClusterHasNoContexts() {
    String other = awaitState(create(unique("commands-term"), 1), "RUNNING");
    String ctx =
        admin()
            .post(
                "/api/1.2/contexts/create",
                "{\"clusterId\": \"" + other + "\", \"language\": \"sql\"}")
            .ok()
            .get("id")
            .asText();
    admin().post("/api/2.1/clusters/delete", "{\"cluster_id\": \"" + other + "\"}").okEmpty();
    awaitState(other, "TERMINATED");
    admin()
        .post(
            "/api/1.2/contexts/create", "{\"clusterId\": \"" + other + "\", \"language\": \"sql\"}")
        .isError(400, "INVALID_STATE", InvalidState.class);
    admin()
        .get(Wire.query("/api/1.2/contexts/status", "clusterId", other, "contextId", ctx))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    permanentlyDelete(other);
  }

  /**
   * The real SDK: create (waits for Running), execute (waits for Finished), status, cancel,
   * destroy.
   */
  @Test
  void roundTripThroughTheSdk() throws Exception {
    WorkspaceClient w = sdk(Identities.ADMIN_TOKEN);
    var created =
        w.commandExecution()
            .create(new CreateContext().setClusterId(cluster).setLanguage(Language.SQL));
    String ctx = created.getResponse().getId();
    assertThat(created.get(Duration.ofSeconds(60)).getStatus()).isEqualTo(ContextStatus.RUNNING);

    CommandStatusResponse done =
        w.commandExecution()
            .execute(
                new Command()
                    .setClusterId(cluster)
                    .setContextId(ctx)
                    .setLanguage(Language.SQL)
                    .setCommand("SELECT 6*7"))
            .get(Duration.ofSeconds(60));
    assertThat(done.getStatus()).isEqualTo(CommandStatus.FINISHED);
    assertThat(done.getResults().getResultType()).isEqualTo(ResultType.TABLE);
    assertThat(((List<?>) ((List<?>) done.getResults().getData()).get(0)).get(0)).isEqualTo(42);
    assertThat(w.commandExecution().commandStatus(cluster, ctx, done.getId()).getStatus())
        .isEqualTo(CommandStatus.FINISHED);

    String slow =
        w.commandExecution()
            .execute(
                new Command()
                    .setClusterId(cluster)
                    .setContextId(ctx)
                    .setLanguage(Language.SQL)
                    .setCommand("SELECT sandbox_sleep(30)"))
            .getResponse()
            .getId();
    CommandStatusResponse cancelled =
        w.commandExecution()
            .cancel(new CancelCommand().setClusterId(cluster).setContextId(ctx).setCommandId(slow))
            .get(Duration.ofSeconds(60));
    assertThat(cancelled.getStatus()).isEqualTo(CommandStatus.CANCELLED);

    w.commandExecution().destroy(new DestroyContext().setClusterId(cluster).setContextId(ctx));
    assertThatThrownBy(() -> w.commandExecution().contextStatus(cluster, ctx))
        .isInstanceOf(ResourceDoesNotExist.class);
  }

  private static String context(String language) {
    return admin()
        .post(
            "/api/1.2/contexts/create",
            "{\"clusterId\": \"" + cluster + "\", \"language\": \"" + language + "\"}")
        .ok()
        .get("id")
        .asText();
  }

  private static String execute(String ctx, String language, String command) {
    return admin()
        .post(
            "/api/1.2/commands/execute",
            "{\"clusterId\": \""
                + cluster
                + "\", \"contextId\": \""
                + ctx
                + "\", \"language\": \""
                + language
                + "\", \"command\": "
                + quote(command)
                + "}")
        .ok()
        .get("id")
        .asText();
  }

  private static String contextStatus(String ctx) {
    return Wire.query("/api/1.2/contexts/status", "clusterId", cluster, "contextId", ctx);
  }

  private static String commandStatus(String ctx, String cmd) {
    return Wire.query(
        "/api/1.2/commands/status", "clusterId", cluster, "contextId", ctx, "commandId", cmd);
  }

  /** Polls, bounded, until the command is Finished, Error or Cancelled. */
  private static JsonNode awaitDone(String ctx, String cmd) {
    JsonNode last = null;
    for (int i = 0; i < 3000; i++) {
      last = admin().get(commandStatus(ctx, cmd)).ok();
      if (List.of("Finished", "Error", "Cancelled").contains(last.get("status").asText())) {
        return last;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("command " + cmd + " never finished: " + last);
  }
}
