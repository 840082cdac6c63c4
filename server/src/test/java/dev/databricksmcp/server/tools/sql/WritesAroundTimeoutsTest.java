package dev.databricksmcp.server.tools.sql;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.data;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.catalog.GetCatalogRequest;
import com.databricks.sdk.service.catalog.GetSchemaRequest;
import com.databricks.sdk.service.catalog.ReadVolumeRequest;
import com.databricks.sdk.service.sql.GetWarehouseRequest;
import com.databricks.sdk.service.sql.ListWarehousesRequest;
import com.databricks.sdk.service.sql.State;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.faults.FaultInjector;
import dev.databricksmcp.sandbox.faults.FaultInjector.Kind;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writes whose outcome the call cannot see — Databricks slower than the tool's timeout, a status
 * poll or a cancel that fails, an answer lost after the work was done — through the real SDK
 * against the sandbox with injected faults. Each asserts what the model is told and what really
 * happened.
 */
@Timeout(180)
class WritesAroundTimeoutsTest {
  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(1);
  private static final long SLOWER_THAN_THE_TOOL_MS = 2_000;
  private static final String STATEMENTS = "^/api/2\\.0/sql/statements$";
  private static final String STATEMENT = "^/api/2\\.0/sql/statements/[^/]+$";
  private static SandboxFixture fx;
  private static String stoppable;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture(new SandboxOptions(0, null, 300));
    for (String t :
        List.of("phantom", "phantom_script", "polled", "uncancelled", "lost_answer", "advised")) {
      fx.sql("CREATE TABLE main.default." + t + " (n INT)");
    }
    fx.sql("CREATE SCHEMA main.doomed");
    stoppable = (String) data(fx.call("create_warehouse", Map.of("name", "stoppable"))).get("id");
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @BeforeEach
  void noFaults() {
    fx.sandbox.faults().clear();
  }

  private static void fault(String method, String path, Kind kind, int times, long millis) {
    fx.sandbox
        .faults()
        .add(new FaultInjector.Rule(method, Pattern.compile(path), kind, times, 1.0, millis));
  }

  /** Waits for what a call did to show in the workspace; fails if it never does. */
  private static void eventually(String what, BooleanSupplier happened)
      throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!happened.getAsBoolean()) {
      assertThat(System.nanoTime() < until).as(what + " never happened").isTrue();
      Thread.sleep(100);
    }
  }

  private static boolean exists(Runnable get) {
    try {
      get.run();
      return true;
    } catch (com.databricks.sdk.core.error.platform.NotFound e) {
      return false;
    }
  }

  private static WorkspaceClient admin() {
    return fx.adminClient();
  }

  /**
   * A write tool, the request Databricks is slow to answer, the read tool to check with, and its
   * effect.
   */
  record SlowWrite(
      String tool,
      Map<String, Object> args,
      String method,
      String path,
      String checkWith,
      BooleanSupplier done) {
    @Override
    public String toString() {
      return tool;
    }
  }

  static List<SlowWrite> slowWrites() {
    String warehouses = "^/api/2\\.0/sql/warehouses";
    String uc = "^/api/2\\.1/unity-catalog/";
    return List.of(
        new SlowWrite(
            "execute_sql",
            Map.of("statement", "INSERT INTO main.default.phantom VALUES (1)"),
            "POST",
            STATEMENTS,
            "list_query_history",
            () -> fx.rowCount("main.default.phantom") == 1),
        new SlowWrite(
            "execute_sql_script",
            Map.of("statements", "INSERT INTO main.default.phantom_script VALUES (1)"),
            "POST",
            STATEMENTS,
            "list_query_history",
            () -> fx.rowCount("main.default.phantom_script") == 1),
        new SlowWrite(
            "create_catalog",
            Map.of("name", "phantom_cat"),
            "POST",
            uc + "catalogs$",
            "get_catalog",
            () ->
                exists(
                    () -> admin().catalogs().get(new GetCatalogRequest().setName("phantom_cat")))),
        new SlowWrite(
            "update_catalog",
            Map.of("name", "main", "comment", "changed late"),
            "PATCH",
            uc + "catalogs/main$",
            "get_catalog",
            () ->
                "changed late"
                    .equals(
                        admin()
                            .catalogs()
                            .get(new GetCatalogRequest().setName("main"))
                            .getComment())),
        new SlowWrite(
            "create_schema",
            Map.of("catalog_name", "main", "name", "phantom_schema"),
            "POST",
            uc + "schemas$",
            "get_schema",
            () ->
                exists(
                    () ->
                        admin()
                            .schemas()
                            .get(new GetSchemaRequest().setFullName("main.phantom_schema")))),
        new SlowWrite(
            "delete_schema",
            Map.of("full_name", "main.doomed"),
            "DELETE",
            uc + "schemas/main\\.doomed$",
            "get_schema",
            () ->
                !exists(
                    () ->
                        admin().schemas().get(new GetSchemaRequest().setFullName("main.doomed")))),
        new SlowWrite(
            "create_volume",
            Map.of("catalog_name", "main", "schema_name", "default", "name", "phantom_vol"),
            "POST",
            uc + "volumes$",
            "get_volume",
            () ->
                exists(
                    () ->
                        admin()
                            .volumes()
                            .read(new ReadVolumeRequest().setName("main.default.phantom_vol")))),
        new SlowWrite(
            "create_warehouse",
            Map.of("name", "phantom_wh"),
            "POST",
            warehouses + "$",
            "list_warehouses",
            () ->
                StreamSupport.stream(
                        admin().warehouses().list(new ListWarehousesRequest()).spliterator(), false)
                    .anyMatch(w -> "phantom_wh".equals(w.getName()))),
        new SlowWrite(
            "stop_warehouse",
            Map.of("warehouse_id", "STOPPABLE", "wait_seconds", 0),
            "POST",
            warehouses + "/[^/]+/stop$",
            "get_warehouse",
            () ->
                List.of(State.STOPPING, State.STOPPED)
                    .contains(
                        admin()
                            .warehouses()
                            .get(new GetWarehouseRequest().setId(stoppable))
                            .getState())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("slowWrites")
  @SuppressWarnings("unchecked")
  void aWriteSlowerThanTheToolTimeoutIsAnsweredAsMaybeDoneAndWasDone(SlowWrite w)
      throws InterruptedException {
    fault(w.method(), w.path(), Kind.LATENCY, 1, SLOWER_THAN_THE_TOOL_MS);
    Map<String, Object> args = new java.util.HashMap<>(w.args());
    args.replace("warehouse_id", "STOPPABLE", stoppable);

    CallToolResult r = fx.call(w.tool(), args, TOOL_TIMEOUT);

    assertThat(errorCode(r)).as(String.valueOf(body(r))).isEqualTo("TIMEOUT");
    String error = (String) body(r).get("error");
    assertThat(error)
        .contains("may have been made")
        .contains("check with " + w.checkWith())
        .doesNotContain("stopped");
    assertThat((Map<String, Object>) body(r).get("details"))
        .containsEntry("may_have_changed", true)
        .containsEntry("check_with", w.checkWith());
    eventually(w.tool() + "'s change", w.done());
  }

  @Test
  void followingTheAdviceFindsTheWriteInsteadOfDoingItTwice() throws InterruptedException {
    fault("POST", STATEMENTS, Kind.LATENCY, 1, SLOWER_THAN_THE_TOOL_MS);
    String insert = "INSERT INTO main.default.advised VALUES (7)";

    CallToolResult r = fx.call("execute_sql", Map.of("statement", insert), TOOL_TIMEOUT);
    assertThat((String) body(r).get("error")).contains("check with list_query_history");

    // what the model is told to do before any retry: the statement is there, so it does not run it
    // again
    eventually(
        "the INSERT in the query history",
        () -> {
          Map<String, Object> history =
              data(fx.call("list_query_history", Map.of("max_results", 50)));
          return String.valueOf(history).contains(insert);
        });
    assertThat(fx.rowCount("main.default.advised")).isEqualTo(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aStatusPollThatFailsAfterTheSubmitKeepsTheStatementIdAndSaysItMayHaveCommitted()
      throws InterruptedException {
    fault(
        "GET", STATEMENT, Kind.UNAVAILABLE, -1, 0); // every status request, past the SDK's retries

    CallToolResult r =
        fx.call(
            "execute_sql",
            Map.of(
                "statement",
                "INSERT INTO main.default.polled SELECT sandbox_sleep(1)",
                "timeout_seconds",
                4));

    assertThat(r.isError()).as(String.valueOf(body(r))).isFalse();
    Map<String, Object> d = data(r);
    String id = (String) d.get("statement_id");
    assertThat(id).isNotBlank();
    assertThat(d.get("state")).isEqualTo("UNKNOWN");
    assertThat((Map<String, Object>) d.get("status_error"))
        .containsEntry("error_code", "UNAVAILABLE");
    assertThat((String) body(r).get("message"))
        .contains("may still be running")
        .contains("committed")
        .contains("get_statement with statement_id=" + id);

    fx.sandbox.faults().clear();
    CallToolResult later = fx.call("get_statement", Map.of("statement_id", id, "wait_seconds", 20));
    assertThat(data(later).get("state")).isEqualTo("SUCCEEDED");
    assertThat(fx.rowCount("main.default.polled")).isEqualTo(1);
  }

  @Test
  void aCancelThatFailsAtTheDeadlineKeepsTheStatementIdAndItMayStillCommit()
      throws InterruptedException {
    fault("POST", "^/api/2\\.0/sql/statements/[^/]+/cancel$", Kind.UNAVAILABLE, -1, 0);

    String insert = "INSERT INTO main.default.uncancelled SELECT sandbox_sleep(3)";
    CallToolResult r =
        fx.call(
            "execute_sql",
            Map.of("statement", insert, "timeout_seconds", 1, "on_timeout", "cancel"));

    assertThat(r.isError()).as(String.valueOf(body(r))).isFalse();
    String id = (String) data(r).get("statement_id");
    assertThat(data(r).get("state")).isEqualTo("UNKNOWN");
    assertThat((String) body(r).get("message"))
        .contains("cancelling it at the deadline failed")
        .contains("get_statement with statement_id=" + id);

    fx.sandbox.faults().clear();
    CallToolResult later = fx.call("get_statement", Map.of("statement_id", id, "wait_seconds", 20));
    assertThat(data(later).get("state"))
        .as("it was not cancelled, and committed")
        .isEqualTo("SUCCEEDED");
    assertThat(fx.rowCount("main.default.uncancelled")).isEqualTo(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void anInsertWhoseAnswerIsLostRunsOnceAndIsReportedAsMaybeDone() throws InterruptedException {
    fault("POST", STATEMENTS, Kind.UNAVAILABLE_AFTER_PROCESSING, 1, 0);
    String insert = "INSERT INTO main.default.lost_answer VALUES (1)";

    CallToolResult r = fx.call("execute_sql", Map.of("statement", insert));

    assertThat(errorCode(r)).isEqualTo("UNAVAILABLE");
    assertThat((String) body(r).get("error"))
        .contains("may have changed the workspace")
        .contains("check with list_query_history");
    assertThat((Map<String, Object>) body(r).get("details"))
        .containsEntry("may_have_changed", true);
    // submitted without a server-side wait, the INSERT commits a moment after the lost answer
    eventually("the INSERT committed", () -> fx.rowCount("main.default.lost_answer") > 0);
    String history = String.valueOf(data(fx.call("list_query_history", Map.of("max_results", 50))));
    assertThat(history.split(java.util.regex.Pattern.quote(insert), -1))
        .as("sent once: one INSERT in the query history")
        .hasSize(2);
    assertThat(fx.rowCount("main.default.lost_answer")).as("not sent twice").isEqualTo(1);
  }
}
