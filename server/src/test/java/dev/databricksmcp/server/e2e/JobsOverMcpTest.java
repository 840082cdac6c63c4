package dev.databricksmcp.server.e2e;

import static dev.databricksmcp.server.testing.SandboxOverMcp.body;
import static dev.databricksmcp.server.testing.SandboxOverMcp.data;
import static dev.databricksmcp.server.testing.SandboxOverMcp.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.sql.Warehouses;
import dev.databricksmcp.server.testing.Python3;
import dev.databricksmcp.server.testing.SandboxOverMcp;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What issue 17 says a model can do on the sandbox, done the way a model does it: MCP tool calls
 * over Streamable HTTP through the MCP SDK's client, with the files and jobs toolsets switched on.
 * Import a SQL notebook and a SQL file, create a two-task job (notebook → SQL task) with a
 * parameter both read, run it with progress while it runs, read each task's output (the SQL task's
 * rows); make the SQL task fail, have the failure explained in one call, fix what it reads and
 * repair only the failed task and its dependents to SUCCESS; and, with Python opted in, read back
 * the value a Python notebook exited with and what a Python file task printed (its logs:
 * runs/get-output gives logs for spark_python_task, not for notebook_task).
 */
@Timeout(180)
class JobsOverMcpTest {
  private SandboxOverMcp mcp;

  @BeforeEach
  void start() {
    mcp =
        SandboxOverMcp.start(
            Sandbox.start(new SandboxOptions(0, null, 200, 500).withPythonCommands(true)),
            "catalog",
            "files",
            "jobs");
  }

  @AfterEach
  void stop() {
    mcp.close();
  }

  @Test
  void aTwoTaskJobRunsFailsIsExplainedFixedAndRepaired() {
    String table = "main.default.mcp_jobs_" + UUID.randomUUID().toString().substring(0, 8);
    mcp.call("create_workspace_directory", Map.of("path", "/Shared/etl"));
    mcp.call(
        "import_notebook",
        Map.of(
            "path",
            "/Shared/etl/load",
            "content",
            "-- Databricks notebook source\n"
                + "CREATE OR REPLACE TABLE "
                + table
                + " AS SELECT 21 * CAST(:factor AS INT) AS n"));
    mcp.call(
        "import_notebook",
        Map.of(
            "path",
            "/Shared/etl/report.sql",
            "format",
            "AUTO",
            "content",
            "SELECT n, CAST(:factor AS INT) AS factor FROM " + table));
    Map<String, Object> job =
        data(
            mcp.call(
                "create_job",
                Map.of(
                    "name",
                    "orders report",
                    "parameters",
                    Map.of("factor", "2"),
                    "tasks",
                    List.of(
                        Map.of(
                            "task_key",
                            "load",
                            "notebook_task",
                            Map.of(
                                "notebook_path",
                                "/Shared/etl/load",
                                "warehouse_id",
                                Warehouses.STARTER_ID)),
                        report("/Shared/etl/report.sql")))));
    String jobId = String.valueOf(job.get("job_id"));

    CallToolResult started =
        mcp.callWithProgress("run_job_now", Map.of("job_id", jobId, "wait_seconds", 120), "run-1");
    Map<String, Object> run = data(started);
    assertThat(run).as(String.valueOf(body(started))).containsEntry("state", "SUCCESS");
    assertThat(mcp.progress())
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("run-1"));
    long runId = id(run.get("run_id"));

    Map<String, Object> load = output(runId, "load");
    assertThat(load).containsEntry("state", "SUCCESS").containsKey("notebook_output");
    Map<String, Object> reportOut = output(runId, "report");
    Map<String, Object> statement = statements(reportOut).get(0);
    assertThat(statement)
        .containsEntry("state", "SUCCEEDED")
        .containsEntry("columns", List.of("n", "factor"))
        .containsEntry("rows", List.of(List.of("42", "2")));

    // the SQL task now reads a table that is not there, and a task after it waits on it
    mcp.call(
        "import_notebook",
        Map.of(
            "path",
            "/Shared/etl/report_v2.sql",
            "format",
            "AUTO",
            "content",
            "SELECT n FROM " + table + "_missing"));
    mcp.call(
        "update_job",
        Map.of(
            "job_id",
            jobId,
            "tasks",
            List.of(
                report("/Shared/etl/report_v2.sql"),
                Map.of(
                    "task_key",
                    "publish",
                    "depends_on",
                    List.of("report"),
                    "condition_task",
                    Map.of("op", "EQUAL_TO", "left", "{{job.parameters.factor}}", "right", "2")))));
    long failedRun =
        id(data(mcp.call("run_job_now", Map.of("job_id", jobId, "wait_seconds", 0))).get("run_id"));

    CallToolResult explained =
        mcp.call("get_job_run", Map.of("run_id", failedRun, "wait_seconds", 120));
    Map<String, Object> failedRunData = data(explained);
    assertThat(failedRunData).containsEntry("state", "FAILED");
    @SuppressWarnings("unchecked")
    Map<String, Object> failure = (Map<String, Object>) failedRunData.get("failure");
    assertThat(failure).containsEntry("task_key", "report").containsEntry("state", "FAILED");
    assertThat(String.valueOf(failure.get("error"))).contains("_missing");
    assertThat(failure.get("skipped_tasks")).isEqualTo(List.of("publish"));
    assertThat(message(explained)).contains("report").contains("publish").contains("repair_run");

    // fix what the SQL task reads, then repair the run
    mcp.call(
        "import_notebook",
        Map.of(
            "path",
            "/Shared/etl/report_v2.sql",
            "format",
            "AUTO",
            "overwrite",
            true,
            "content",
            "SELECT n * 10 AS n FROM " + table));
    CallToolResult repaired =
        mcp.call("repair_run", Map.of("run_id", failedRun, "wait_seconds", 120));
    Map<String, Object> after = data(repaired);
    assertThat(after).containsEntry("state", "SUCCESS");
    assertThat(after.get("rerun_tasks")).isEqualTo(List.of("report", "publish"));
    assertThat(id(task(after, "load").get("run_id")))
        .isEqualTo(id(task(failedRunData, "load").get("run_id")));
    assertThat(statements(output(failedRun, "report")).get(0))
        .containsEntry("rows", List.of(List.of("420")));
  }

  @Test
  void pythonTasksExitWithAValueAndPrintWhatIsReadBack() {
    assumeTrue(Python3.available(), "no python3 on this machine");
    mcp.call("create_workspace_directory", Map.of("path", "/Shared/py"));
    mcp.call(
        "import_notebook",
        Map.of(
            "path",
            "/Shared/py/answer",
            "language",
            "PYTHON",
            "content",
            "# Databricks notebook source\n"
                + "n = spark.sql('SELECT 6 * 7 AS a').collect()[0].a\n"
                + "# COMMAND ----------\n"
                + "dbutils.notebook.exit(str(n * int(dbutils.widgets.get('factor'))))\n"));
    mcp.call(
        "import_notebook",
        Map.of(
            "path",
            "/Shared/py/report.py",
            "format",
            "AUTO",
            "content",
            "import sys\nprint('report for factor', sys.argv[1])\n"));
    Map<String, Object> job =
        data(
            mcp.call(
                "create_job",
                Map.of(
                    "name",
                    "python answer",
                    "parameters",
                    Map.of("factor", "2"),
                    "tasks",
                    List.of(
                        Map.of(
                            "task_key",
                            "answer",
                            "notebook_task",
                            Map.of("notebook_path", "/Shared/py/answer")),
                        Map.of(
                            "task_key",
                            "report",
                            "depends_on",
                            List.of("answer"),
                            "spark_python_task",
                            Map.of(
                                "python_file",
                                "/Shared/py/report.py",
                                "parameters",
                                List.of("{{job.parameters.factor}}")))))));
    Map<String, Object> run =
        data(
            mcp.call(
                "run_job_now",
                Map.of("job_id", String.valueOf(job.get("job_id")), "wait_seconds", 120)));
    assertThat(run).containsEntry("state", "SUCCESS");

    Map<String, Object> answer = output(id(run.get("run_id")), "answer");
    @SuppressWarnings("unchecked")
    Map<String, Object> notebook = (Map<String, Object>) answer.get("notebook_output");
    assertThat(notebook).containsEntry("result", "84");
    Map<String, Object> report = output(id(run.get("run_id")), "report");
    assertThat(String.valueOf(report.get("logs"))).contains("report for factor 2");
  }

  /**
   * The pipeline half of the issue: SQL sources imported with import_notebook, a pipeline on them,
   * an update run with progress to COMPLETED, its tables seen through the catalog tools and its
   * events listed.
   */
  @Test
  void aSqlPipelineRunsAndItsTablesAndEventsAreSeen() {
    mcp.call("create_workspace_directory", Map.of("path", "/Shared/dlt"));
    mcp.call(
        "import_notebook",
        Map.of(
            "path",
            "/Shared/dlt/numbers.sql",
            "format",
            "AUTO",
            "content",
            "CREATE OR REFRESH MATERIALIZED VIEW numbers AS"
                + " SELECT * FROM VALUES (1), (2), (3) AS t(v);"));
    mcp.call(
        "import_notebook",
        Map.of(
            "path",
            "/Shared/dlt/doubled",
            "language",
            "SQL",
            "content",
            "-- Databricks notebook source\n"
                + "CREATE OR REFRESH MATERIALIZED VIEW doubled AS SELECT v * 2 AS w FROM numbers"));
    String pipeline =
        String.valueOf(
            data(mcp.call(
                    "create_pipeline",
                    Map.of(
                        "name",
                        "numbers",
                        "catalog",
                        "main",
                        "schema",
                        "default",
                        "source_paths",
                        List.of("/Shared/dlt/numbers.sql", "/Shared/dlt/doubled"))))
                .get("pipeline_id"));

    CallToolResult update =
        mcp.callWithProgress(
            "start_pipeline_update",
            Map.of("pipeline_id", pipeline, "wait_seconds", 90),
            "update-1");
    assertThat(data(update)).as(String.valueOf(body(update))).containsEntry("state", "COMPLETED");
    assertThat(mcp.progress()).anySatisfy(p -> assertThat(p.progressToken()).isEqualTo("update-1"));

    assertThat(data(mcp.call("get_table", Map.of("full_name", "main.default.doubled"))))
        .containsEntry("name", "doubled");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> events =
        (List<Map<String, Object>>)
            data(mcp.call("list_pipeline_events", Map.of("pipeline_id", pipeline))).get("items");
    assertThat(events)
        .anySatisfy(
            e ->
                assertThat(e)
                    .containsEntry("type", "flow_progress")
                    .containsEntry("flow", "doubled"));
  }

  private static Map<String, Object> report(String file) {
    return Map.of(
        "task_key",
        "report",
        "depends_on",
        List.of("load"),
        "sql_task",
        Map.of("warehouse_id", Warehouses.STARTER_ID, "file", Map.of("path", file)));
  }

  private Map<String, Object> output(long runId, String taskKey) {
    return data(mcp.call("get_run_output", Map.of("run_id", runId, "task_key", taskKey)));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> statements(Map<String, Object> output) {
    Map<String, Object> sql = (Map<String, Object>) output.get("sql_output");
    return (List<Map<String, Object>>) sql.get("statements");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> task(Map<String, Object> run, String key) {
    return ((List<Map<String, Object>>) run.get("tasks"))
        .stream().filter(t -> key.equals(t.get("task_key"))).findFirst().orElseThrow();
  }

  private static long id(Object n) {
    return ((Number) n).longValue();
  }
}
