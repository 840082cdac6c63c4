package dev.databricksmcp.bench;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.jobs.CreateJob;
import com.databricks.sdk.service.jobs.GetRunRequest;
import com.databricks.sdk.service.jobs.Run;
import com.databricks.sdk.service.jobs.RunLifeCycleState;
import com.databricks.sdk.service.jobs.RunNow;
import com.databricks.sdk.service.jobs.SqlTask;
import com.databricks.sdk.service.jobs.SqlTaskQuery;
import com.databricks.sdk.service.jobs.Task;
import com.databricks.sdk.service.jobs.TaskDependency;
import com.databricks.sdk.service.sql.CreateQueryRequest;
import com.databricks.sdk.service.sql.CreateQueryRequestQuery;
import dev.databricksmcp.sandbox.sql.Warehouses;
import dev.databricksmcp.server.mcp.McpServerFactory;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Section 9: the bytes a model reads to do a fixed set of analyst tasks through MCP on the sandbox
 * (issue #23, item 3). Each task is the shortest sequence of calls a good model would make, each
 * call's arguments taken from what the previous answers said, as a model would take them. Counted:
 * the tool results only (the tool list is section 5's); per call the text block, which clients show
 * the model, and beside it the structured result, which some show instead. Sizes, not times: one
 * run suffices, and it runs on every change (`bench/run.sh quick tasks`).
 */
final class TasksBench {
  /** The job whose last run failed, made before the tasks (not counted: the model did not). */
  static final String FAILING_JOB = "nightly orders report";

  /** BENCH_SHOW_RESULTS=1 prints each result's text to stderr, to read what the model reads. */
  private static final boolean SHOW = System.getenv("BENCH_SHOW_RESULTS") != null;

  private TasksBench() {}

  /** One task, as the calls a model makes on a session. */
  @FunctionalInterface
  private interface Script {
    void run(Session s) throws Exception;
  }

  static String run(SandboxProcess sandbox, Targets targets) throws Exception {
    failedJobRun(sandbox.sdkClient());
    Map<String, Script> tasks = new LinkedHashMap<>();
    tasks.put(
        "(a) the columns of `samples.tpch.orders`",
        s -> s.call("get_table", Map.of("full_name", "samples.tpch.orders")));
    tasks.put(
        "(b) top 10 pickup zip codes by trips (`samples.nyctaxi.trips`)",
        s ->
            s.call(
                "execute_sql_read_only",
                Map.of(
                    "statement",
                    "SELECT pickup_zip, count(*) AS trips FROM samples.nyctaxi.trips"
                        + " GROUP BY pickup_zip ORDER BY trips DESC LIMIT 10")));
    tasks.put(
        "(c) why did the last run of job '" + FAILING_JOB + "' fail?",
        s -> {
          Map<String, Object> runs =
              s.call("list_job_runs", Map.of("job_id", FAILING_JOB, "max_results", 1));
          s.call("get_job_run", Map.of("run_id", first(runs).get("run_id")));
        });
    tasks.put(
        "(d) find the shared notebook about taxi trips and read it",
        s -> {
          Map<String, Object> listing = s.call("list_workspace", Map.of("path", "/Shared"));
          String path = null;
          for (Map<String, Object> o : items(listing)) {
            if ("NOTEBOOK".equals(o.get("type")) && String.valueOf(o.get("path")).contains("SQL")) {
              path = String.valueOf(o.get("path"));
            }
          }
          s.call("export_notebook", Map.of("path", path));
        });
    tasks.put(
        "(e) the best run (by auc) of the churn experiment",
        s -> {
          Map<String, Object> experiments =
              s.call("list_experiments", Map.of("name_contains", "churn"));
          s.call(
              "search_runs",
              Map.of(
                  "experiments",
                  List.of(first(experiments).get("experiment_id")),
                  "order_by",
                  List.of("metrics.auc DESC"),
                  "max_results",
                  1));
        });

    StringBuilder md =
        new StringBuilder(
            "## 9. Tokens per task (what a model reads to do a scripted analyst task)\n\n"
                + "Each task is the shortest sequence of calls a good model would make on the sandbox's sample data, each"
                + " call's arguments taken from the previous answers; `--toolsets all`, over Streamable HTTP in the"
                + " benchmark process (MCP Java SDK client). Counted: tool results only, not the tool list (section 5)."
                + " Text is the result's text block, which clients show the model; structured is the structured result,"
                + " which some show instead. ≈ tokens = text bytes / 4, as in section 5. Sizes, not times: one run"
                + " suffices (generated ids and times move them by a few bytes). The failed run of (c) is made beforehand through the SDK (a job of two SQL tasks, the first"
                + " reading a table that does not exist).\n\n"
                + "| task | calls | tools | text bytes | ≈ tokens | structured bytes |\n|---|---|---|---|---|---|\n");
    long allText = 0;
    int allCalls = 0;
    try (InProcess server = new InProcess(sandbox.host)) {
      McpSyncClient client = server.client();
      try {
        for (Map.Entry<String, Script> task : tasks.entrySet()) {
          Session s = new Session(client);
          task.getValue().run(s);
          allText += s.text;
          allCalls += s.tools.size();
          md.append(
              String.format(
                  "| %s | %d | %s | %d | %d | %d |%n",
                  task.getKey(),
                  s.tools.size(),
                  String.join(" → ", s.tools.stream().map(t -> "`" + t + "`").toList()),
                  s.text,
                  s.text / ContextCostBench.BYTES_PER_TOKEN,
                  s.structured));
        }
      } finally {
        client.closeGracefully();
      }
    }
    md.append(
        String.format(
            "| **all five** | **%d** | | **%d** | **%d** | |%n%n",
            allCalls, allText, allText / ContextCostBench.BYTES_PER_TOKEN));
    targets.add(
        "9. Tokens per task (five scripted analyst tasks)",
        "lower is better",
        String.format(
            "%,d tokens in %d calls for all five",
            allText / ContextCostBench.BYTES_PER_TOKEN, allCalls),
        null);
    return md.toString();
  }

  /** Calls made for one task and what their results cost. */
  private static final class Session {
    private final McpSyncClient client;
    final List<String> tools = new ArrayList<>();
    long text;
    long structured;

    Session(McpSyncClient client) {
      this.client = client;
    }

    /** Calls a tool; fails the section unless it succeeded; returns the answer's data. */
    @SuppressWarnings("unchecked")
    Map<String, Object> call(String tool, Map<String, Object> args) throws Exception {
      McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(tool, args));
      tools.add(tool);
      for (McpSchema.Content c : r.content()) {
        if (c instanceof McpSchema.TextContent t) {
          text += t.text().getBytes(StandardCharsets.UTF_8).length;
          if (SHOW) {
            System.err.println("--- " + tool + " " + args + "\n" + t.text());
          }
        }
      }
      String json =
          r.structuredContent() == null
              ? "{}"
              : McpServerFactory.JSON.writeValueAsString(r.structuredContent());
      structured +=
          r.structuredContent() == null ? 0 : json.getBytes(StandardCharsets.UTF_8).length;
      if (Boolean.TRUE.equals(r.isError())) {
        throw new IllegalStateException(tool + " failed: " + json);
      }
      Object data = McpServerFactory.JSON.readValue(json, Map.class).get("data");
      return data instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
  }

  /** The rows of a list answer: its one list-valued field. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(Map<String, Object> data) {
    for (Object v : data.values()) {
      if (v instanceof List<?> list) {
        return (List<Map<String, Object>>) list;
      }
    }
    throw new IllegalStateException("no rows in " + data);
  }

  private static Map<String, Object> first(Map<String, Object> data) {
    List<Map<String, Object>> rows = items(data);
    if (rows.isEmpty()) {
      throw new IllegalStateException("no rows in " + data);
    }
    return rows.get(0);
  }

  /**
   * A job of two SQL tasks whose first reads a table that does not exist, run once to its end: the
   * second is skipped.
   */
  private static void failedJobRun(WorkspaceClient w) throws InterruptedException {
    String query =
        w.queries()
            .create(
                new CreateQueryRequest()
                    .setQuery(
                        new CreateQueryRequestQuery()
                            .setDisplayName("orders by status (nightly)")
                            .setWarehouseId(Warehouses.STARTER_ID)
                            .setQueryText(
                                "SELECT o_orderstatus, count(*) AS orders"
                                    + " FROM main.default.orders_snapshot GROUP BY o_orderstatus")))
            .getId();
    String after =
        w.queries()
            .create(
                new CreateQueryRequest()
                    .setQuery(
                        new CreateQueryRequestQuery()
                            .setDisplayName("report done")
                            .setWarehouseId(Warehouses.STARTER_ID)
                            .setQueryText("SELECT 1 AS done")))
            .getId();
    long job =
        w.jobs()
            .create(
                new CreateJob()
                    .setName(FAILING_JOB)
                    .setTasks(
                        List.of(
                            sqlTask("orders_by_status", query, null),
                            sqlTask("publish", after, "orders_by_status"))))
            .getJobId();
    long runId = w.jobs().runNow(new RunNow().setJobId(job)).getResponse().getRunId();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      Run run = w.jobs().getRun(new GetRunRequest().setRunId(runId));
      RunLifeCycleState state = run.getState() == null ? null : run.getState().getLifeCycleState();
      if (state == RunLifeCycleState.TERMINATED
          || state == RunLifeCycleState.INTERNAL_ERROR
          || state == RunLifeCycleState.SKIPPED) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the failing job's run did not end within 60 s");
  }

  private static Task sqlTask(String key, String queryId, String after) {
    return new Task()
        .setTaskKey(key)
        .setDependsOn(after == null ? null : List.of(new TaskDependency().setTaskKey(after)))
        .setSqlTask(
            new SqlTask()
                .setWarehouseId(Warehouses.STARTER_ID)
                .setQuery(new SqlTaskQuery().setQueryId(queryId)));
  }
}
