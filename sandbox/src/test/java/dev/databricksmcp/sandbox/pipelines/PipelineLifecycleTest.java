package dev.databricksmcp.sandbox.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.service.catalog.TableInfo;
import com.databricks.sdk.service.pipelines.CreatePipeline;
import com.databricks.sdk.service.pipelines.DeletePipelineRequest;
import com.databricks.sdk.service.pipelines.EventLevel;
import com.databricks.sdk.service.pipelines.FileLibrary;
import com.databricks.sdk.service.pipelines.GetPipelineRequest;
import com.databricks.sdk.service.pipelines.GetUpdateRequest;
import com.databricks.sdk.service.pipelines.ListPipelineEventsRequest;
import com.databricks.sdk.service.pipelines.NotebookLibrary;
import com.databricks.sdk.service.pipelines.PipelineEvent;
import com.databricks.sdk.service.pipelines.PipelineLibrary;
import com.databricks.sdk.service.pipelines.StartUpdate;
import com.databricks.sdk.service.pipelines.StopRequest;
import com.databricks.sdk.service.pipelines.UpdateInfo;
import com.databricks.sdk.service.pipelines.UpdateInfoState;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import com.databricks.sdk.service.workspace.Import;
import com.databricks.sdk.service.workspace.ImportFormat;
import com.databricks.sdk.service.workspace.Language;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SQL pipelines that really run, through the real Databricks SDK: two SQL sources imported with the
 * Workspace API become a pipeline whose update COMPLETES through Databricks' states, leaving its
 * datasets as tables in Unity Catalog with the rows their queries give, and flow events in its log;
 * a failing flow fails the update and skips what reads it; a stop cancels; a full refresh of one
 * streaming table drops the rows its source lost, which an incremental refresh keeps. Updates
 * advance on their own; the tests poll, bounded, for the states they expect.
 */
@Timeout(180)
class PipelineLifecycleTest {
  private static final String DIR = "/Users/" + Identities.ADMIN.userName() + "/pipelines";
  private static Sandbox sandbox;
  private static WorkspaceClient w;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(new SandboxOptions(0, null, 100));
    w =
        new WorkspaceClient(
            new DatabricksConfig()
                .setHost(sandbox.host())
                .setToken(Identities.ADMIN_TOKEN)
                .setAuthType("pat"));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void twoSqlSourcesBecomeTablesInDependencyOrder() throws Exception {
    sql("CREATE SCHEMA IF NOT EXISTS main.dlt_a");
    sql(
        "CREATE OR REPLACE TABLE main.dlt_a.raw AS SELECT * FROM VALUES (1, 'x'), (2, 'y'), (3, 'y') AS t(id, kind)");
    // the downstream dataset comes first: the order is the graph's, not the files'
    file(
        DIR + "/a/gold.sql",
        "CREATE OR REFRESH MATERIALIZED VIEW by_kind COMMENT 'Counts per kind'\n"
            + "AS SELECT kind, count(*) AS n FROM silver GROUP BY kind;");
    notebook(
        DIR + "/a/silver",
        "CREATE OR REFRESH STREAMING TABLE silver AS SELECT id, kind FROM STREAM(raw) WHERE id > 1");
    String id =
        create("a", List.of(fileLib(DIR + "/a/gold.sql"), notebookLib(DIR + "/a/silver")), "dlt_a");

    String update = w.pipelines().startUpdate(new StartUpdate().setPipelineId(id)).getUpdateId();
    UpdateInfo done = awaitEnd(id, update);

    assertThat(done.getState()).isEqualTo(UpdateInfoState.COMPLETED);
    TableInfo gold = w.tables().get("main.dlt_a.by_kind");
    assertThat(gold.getComment()).isEqualTo("Counts per kind");
    assertThat(rows("SELECT kind, n FROM main.dlt_a.by_kind ORDER BY kind"))
        .containsExactly(List.of("y", "2"));
    assertThat(rows("SELECT count(*) FROM main.dlt_a.silver")).containsExactly(List.of("2"));

    List<PipelineEvent> events = events(id, null);
    List<String> states = new ArrayList<>();
    for (PipelineEvent e : events) {
      if ("update_progress".equals(e.getEventType())) {
        states.add(e.getMessage().replaceAll(".* is (\\w+)\\.$", "$1"));
      }
    }
    assertThat(states)
        .containsExactly(
            "CREATED",
            "WAITING_FOR_RESOURCES",
            "INITIALIZING",
            "SETTING_UP_TABLES",
            "RUNNING",
            "COMPLETED");
    List<String> completed = new ArrayList<>();
    for (PipelineEvent e : events) {
      if ("flow_progress".equals(e.getEventType()) && e.getMessage().contains("COMPLETED")) {
        completed.add(e.getOrigin().getFlowName());
        assertThat(e.getOrigin().getUpdateId()).isEqualTo(update);
      }
    }
    assertThat(completed).containsExactly("silver", "by_kind");
    assertThat(w.pipelines().get(new GetPipelineRequest().setPipelineId(id)).getLatestUpdates())
        .first()
        .satisfies(u -> assertThat(u.getUpdateId()).isEqualTo(update));

    // deleting the pipeline drops its tables, as Databricks cascades it
    w.pipelines().delete(new DeletePipelineRequest().setPipelineId(id));
    assertThatThrownBy(() -> w.tables().get("main.dlt_a.silver")).isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> w.pipelines().get(new GetPipelineRequest().setPipelineId(id)))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void aFailingFlowFailsTheUpdateAndSkipsWhatReadsIt() throws Exception {
    sql("CREATE SCHEMA IF NOT EXISTS main.dlt_b");
    file(
        DIR + "/b/flows.sql",
        "CREATE OR REFRESH MATERIALIZED VIEW ok AS SELECT 1 AS one;\n"
            + "CREATE OR REFRESH MATERIALIZED VIEW broken AS SELECT no_such_column FROM ok;\n"
            + "CREATE OR REFRESH MATERIALIZED VIEW after AS SELECT * FROM broken;");
    String id = create("b", List.of(fileLib(DIR + "/b/flows.sql")), "dlt_b");
    String update = w.pipelines().startUpdate(new StartUpdate().setPipelineId(id)).getUpdateId();

    assertThat(awaitEnd(id, update).getState()).isEqualTo(UpdateInfoState.FAILED);
    List<PipelineEvent> errors = events(id, "level='ERROR'");
    assertThat(errors).allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(EventLevel.ERROR));
    PipelineEvent flow =
        errors.stream()
            .filter(e -> "broken".equals(e.getOrigin().getFlowName()))
            .findFirst()
            .orElseThrow();
    assertThat(flow.getError().getExceptions().iterator().next().getMessage())
        .contains("no_such_column");
    assertThat(w.tables().get("main.dlt_b.ok").getName()).isEqualTo("ok");
    assertThat(events(id, null))
        .anySatisfy(
            e -> {
              assertThat(e.getOrigin().getFlowName()).isEqualTo("after");
              assertThat(e.getMessage()).contains("SKIPPED");
            });
  }

  @Test
  void aCycleOrAnUnknownNameFailsTheUpdateNamingIt() throws Exception {
    sql("CREATE SCHEMA IF NOT EXISTS main.dlt_c");
    file(
        DIR + "/c/cycle.sql",
        "CREATE OR REFRESH MATERIALIZED VIEW p AS SELECT * FROM q;\n"
            + "CREATE OR REFRESH MATERIALIZED VIEW q AS SELECT * FROM p;");
    String id = create("c", List.of(fileLib(DIR + "/c/cycle.sql")), "dlt_c");
    String update = w.pipelines().startUpdate(new StartUpdate().setPipelineId(id)).getUpdateId();
    assertThat(awaitEnd(id, update).getState()).isEqualTo(UpdateInfoState.FAILED);
    assertThat(events(id, "level='ERROR'"))
        .anySatisfy(e -> assertThat(e.getMessage()).contains("cycle"));

    file(DIR + "/c/unknown.sql", "CREATE OR REFRESH MATERIALIZED VIEW r AS SELECT * FROM nowhere;");
    String id2 = create("c2", List.of(fileLib(DIR + "/c/unknown.sql")), "dlt_c");
    String u2 = w.pipelines().startUpdate(new StartUpdate().setPipelineId(id2)).getUpdateId();
    assertThat(awaitEnd(id2, u2).getState()).isEqualTo(UpdateInfoState.FAILED);
    assertThat(events(id2, "level='ERROR'"))
        .anySatisfy(e -> assertThat(e.getMessage()).contains("nowhere"));
  }

  @Test
  void aStopCancelsTheUpdate() throws Exception {
    sql("CREATE SCHEMA IF NOT EXISTS main.dlt_d");
    file(DIR + "/d/slow.sql", "CREATE OR REFRESH MATERIALIZED VIEW s AS SELECT 1 AS one;");
    String id = create("d", List.of(fileLib(DIR + "/d/slow.sql")), "dlt_d");
    String update = w.pipelines().startUpdate(new StartUpdate().setPipelineId(id)).getUpdateId();
    w.pipelines().stop(new StopRequest().setPipelineId(id));
    assertThat(awaitEnd(id, update).getState()).isEqualTo(UpdateInfoState.CANCELED);
  }

  @Test
  void aFullRefreshOfOneStreamingTableDropsWhatItsSourceLost() throws Exception {
    sql("CREATE SCHEMA IF NOT EXISTS main.dlt_e");
    sql("CREATE OR REPLACE TABLE main.dlt_e.src AS SELECT * FROM VALUES (1), (2) AS t(v)");
    file(
        DIR + "/e/st.sql",
        "CREATE OR REFRESH STREAMING TABLE st AS SELECT v FROM STREAM(src);\n"
            + "CREATE OR REFRESH MATERIALIZED VIEW mv AS SELECT v FROM src;");
    String id = create("e", List.of(fileLib(DIR + "/e/st.sql")), "dlt_e");
    run(id, new StartUpdate());
    sql("DELETE FROM main.dlt_e.src WHERE v = 1");
    sql("INSERT INTO main.dlt_e.src VALUES (3)");

    run(id, new StartUpdate());
    assertThat(rows("SELECT v FROM main.dlt_e.st ORDER BY v"))
        .containsExactly(List.of("1"), List.of("2"), List.of("3"));
    assertThat(rows("SELECT v FROM main.dlt_e.mv ORDER BY v"))
        .containsExactly(List.of("2"), List.of("3"));

    String full = run(id, new StartUpdate().setFullRefreshSelection(List.of("st")));
    assertThat(rows("SELECT v FROM main.dlt_e.st ORDER BY v"))
        .containsExactly(List.of("2"), List.of("3"));
    Set<String> ran = new java.util.HashSet<>();
    for (PipelineEvent e : events(id, null)) {
      if (full.equals(e.getOrigin().getUpdateId())
          && e.getMessage().endsWith("COMPLETED.")
          && e.getOrigin().getFlowName() != null) {
        ran.add(e.getOrigin().getFlowName());
      }
    }
    assertThat(ran).containsExactly("st");
  }

  private static String run(String id, StartUpdate req) throws InterruptedException {
    String update = w.pipelines().startUpdate(req.setPipelineId(id)).getUpdateId();
    assertThat(awaitEnd(id, update).getState()).isEqualTo(UpdateInfoState.COMPLETED);
    return update;
  }

  private static String create(String name, List<PipelineLibrary> libraries, String schema) {
    return w.pipelines()
        .create(
            new CreatePipeline()
                .setName("pipeline " + name)
                .setCatalog("main")
                .setSchema(schema)
                .setServerless(true)
                .setLibraries(libraries))
        .getPipelineId();
  }

  private static PipelineLibrary fileLib(String path) {
    return new PipelineLibrary().setFile(new FileLibrary().setPath(path));
  }

  private static PipelineLibrary notebookLib(String path) {
    return new PipelineLibrary().setNotebook(new NotebookLibrary().setPath(path));
  }

  private static List<PipelineEvent> events(String id, String filter) {
    List<PipelineEvent> out = new ArrayList<>();
    w.pipelines()
        .listPipelineEvents(
            new ListPipelineEventsRequest()
                .setPipelineId(id)
                .setFilter(filter)
                .setOrderBy(List.of("timestamp asc")))
        .forEach(out::add);
    return out;
  }

  private static UpdateInfo awaitEnd(String id, String update) throws InterruptedException {
    for (int i = 0; i < 1200; i++) {
      UpdateInfo u =
          w.pipelines()
              .getUpdate(new GetUpdateRequest().setPipelineId(id).setUpdateId(update))
              .getUpdate();
      if (Pipelines.ENDED.contains(u.getState())) {
        return u;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("update " + update + " did not end");
  }

  private static void file(String path, String text) {
    put(new Import().setPath(path).setFormat(ImportFormat.RAW).setContent(base64(text)));
  }

  private static void notebook(String path, String sql) {
    put(
        new Import()
            .setPath(path)
            .setFormat(ImportFormat.SOURCE)
            .setLanguage(Language.SQL)
            .setContent(base64("-- Databricks notebook source\n" + sql + "\n")));
  }

  private static void put(Import request) {
    String path = request.getPath();
    w.workspace().mkdirs(path.substring(0, path.lastIndexOf('/')));
    w.workspace().importContent(request.setOverwrite(true));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static void sql(String statement) {
    StatementResponse r = statement(statement);
    assertThat(r.getStatus().getState()).as(statement).isEqualTo(StatementState.SUCCEEDED);
  }

  private static List<List<String>> rows(String query) {
    StatementResponse r = statement(query);
    assertThat(r.getStatus().getState()).as(query).isEqualTo(StatementState.SUCCEEDED);
    List<List<String>> out = new ArrayList<>();
    if (r.getResult().getDataArray() != null) {
      r.getResult().getDataArray().forEach(row -> out.add(new ArrayList<>(row)));
    }
    return out;
  }

  private static StatementResponse statement(String text) {
    return w.statementExecution()
        .executeStatement(
            new ExecuteStatementRequest()
                .setWarehouseId(Warehouses.STARTER_ID)
                .setStatement(text)
                .setWaitTimeout("30s"));
  }
}
