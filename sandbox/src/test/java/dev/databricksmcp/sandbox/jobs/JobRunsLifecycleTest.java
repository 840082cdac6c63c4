package dev.databricksmcp.sandbox.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.service.jobs.CancelRun;
import com.databricks.sdk.service.jobs.ConditionTask;
import com.databricks.sdk.service.jobs.ConditionTaskOp;
import com.databricks.sdk.service.jobs.CreateJob;
import com.databricks.sdk.service.jobs.GetRunOutputRequest;
import com.databricks.sdk.service.jobs.GetRunRequest;
import com.databricks.sdk.service.jobs.JobParameterDefinition;
import com.databricks.sdk.service.jobs.NotebookTask;
import com.databricks.sdk.service.jobs.RepairHistoryItemType;
import com.databricks.sdk.service.jobs.RepairRun;
import com.databricks.sdk.service.jobs.Run;
import com.databricks.sdk.service.jobs.RunJobTask;
import com.databricks.sdk.service.jobs.RunLifeCycleState;
import com.databricks.sdk.service.jobs.RunLifecycleStateV2State;
import com.databricks.sdk.service.jobs.RunNow;
import com.databricks.sdk.service.jobs.RunOutput;
import com.databricks.sdk.service.jobs.RunResultState;
import com.databricks.sdk.service.jobs.RunTask;
import com.databricks.sdk.service.jobs.SqlTask;
import com.databricks.sdk.service.jobs.SqlTaskFile;
import com.databricks.sdk.service.jobs.Task;
import com.databricks.sdk.service.jobs.TaskDependency;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.StatementResponse;
import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.ApiAreas;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.compute.ComputeClock;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs that really run, through the real Databricks SDK: SQL tasks and a SQL notebook in dependency
 * order with a job parameter, a failure propagated downstream and repaired, cancel, queueing at
 * {@code max_concurrent_runs}, timeouts, retries, condition and run-job tasks. Runs advance on
 * their own; the tests poll, bounded, for the states they expect.
 */
@Timeout(180)
class JobRunsLifecycleTest {
  private static final RegisteredNotebooks FILES = new RegisteredNotebooks();
  private static Sandbox sandbox;
  private static WorkspaceClient w;

  @BeforeAll
  static void start() {
    List<ApiArea> areas = new ArrayList<>(ApiAreas.discovered());
    areas.replaceAll(a -> a instanceof JobsArea ? new JobsArea(FILES, new ComputeClock()) : a);
    sandbox = Sandbox.start(new SandboxOptions(0, null, 100), areas);
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
  void aTwoTaskJobRunsInDependencyOrderWithItsParameter() throws Exception {
    String table = "main.default.jobs_order_" + unique();
    FILES.put("/Jobs/create.sql", "SQL", "CREATE TABLE " + table + " (n INT)");
    FILES.put("/Jobs/insert.sql", "SQL", "INSERT INTO " + table + " SELECT CAST(:n AS INT) * 2");
    long job =
        create(
            new CreateJob()
                .setName("order")
                .setParameters(List.of(new JobParameterDefinition().setName("n").setDefault("1")))
                .setTasks(
                    List.of(
                        sqlFile("insert", "/Jobs/insert.sql").setDependsOn(deps("create")),
                        sqlFile("create", "/Jobs/create.sql"))));
    long runId = runNow(job, Map.of("n", "21"));
    Run run = awaitEnd(runId);

    assertThat(run.getState().getResultState()).isEqualTo(RunResultState.SUCCESS);
    assertThat(run.getStatus().getState()).isEqualTo(RunLifecycleStateV2State.TERMINATED);
    RunTask create = task(run, "create");
    RunTask insert = task(run, "insert");
    assertThat(insert.getStartTime()).isGreaterThanOrEqualTo(create.getEndTime());
    assertThat(query("SELECT n FROM " + table).getResult().getDataArray())
        .containsExactly(List.of("42"));

    RunOutput out = w.jobs().getRunOutput(new GetRunOutputRequest().setRunId(insert.getRunId()));
    assertThat(out.getSqlOutput().getQueryOutput().getQueryText()).contains("CAST(:n AS INT)");
    assertThat(out.getSqlOutput().getQueryOutput().getSqlStatements()).hasSize(1);
    assertThat(out.getMetadata().getRunId()).isEqualTo(insert.getRunId());
    assertThat(out.getError()).isNull();
    assertThatThrownBy(() -> w.jobs().getRunOutput(new GetRunOutputRequest().setRunId(runId)))
        .isInstanceOf(InvalidParameterValue.class)
        .hasMessageContaining("multiple tasks");
  }

  @Test
  void aSqlNotebookRunsItsCellsAndAMissingOneFails() throws Exception {
    String table = "main.default.jobs_nb_" + unique();
    FILES.put(
        "/Jobs/nb",
        "SQL",
        "-- Databricks notebook source\n-- MAGIC %md\n-- MAGIC # Title\n\n-- COMMAND ----------\n\n"
            + "CREATE TABLE "
            + table
            + " (s STRING);\nINSERT INTO "
            + table
            + " VALUES (:who)\n\n-- COMMAND ----------\n\nSELECT * FROM "
            + table);
    Task nb =
        new Task()
            .setTaskKey("nb")
            .setNotebookTask(
                new NotebookTask()
                    .setNotebookPath("/Jobs/nb")
                    .setBaseParameters(Map.of("who", "{{job.id}}")));
    long job = create(new CreateJob().setName("nb").setTasks(List.of(nb)));
    Run run = awaitEnd(runNow(job, null));
    assertThat(run.getState().getResultState()).isEqualTo(RunResultState.SUCCESS);
    assertThat(query("SELECT s FROM " + table).getResult().getDataArray())
        .containsExactly(List.of(String.valueOf(job)));
    RunOutput out =
        w.jobs().getRunOutput(new GetRunOutputRequest().setRunId(task(run, "nb").getRunId()));
    assertThat(out.getNotebookOutput()).isNotNull();
    assertThat(out.getNotebookOutput().getResult()).isNull();

    Task missing =
        new Task()
            .setTaskKey("gone")
            .setNotebookTask(new NotebookTask().setNotebookPath("/Jobs/nowhere"));
    Run failed =
        awaitEnd(runNow(create(new CreateJob().setName("gone").setTasks(List.of(missing))), null));
    assertThat(failed.getState().getResultState()).isEqualTo(RunResultState.FAILED);
    RunOutput error =
        w.jobs().getRunOutput(new GetRunOutputRequest().setRunId(task(failed, "gone").getRunId()));
    assertThat(error.getError()).isEqualTo("notebook not found at /Jobs/nowhere");
  }

  @Test
  void aFailureSkipsItsDependentsAndRepairRerunsOnlyThem() throws Exception {
    String table = "main.default.jobs_repair_" + unique();
    FILES.put("/Jobs/ok.sql", "SQL", "SELECT 1");
    FILES.put("/Jobs/read.sql", "SQL", "SELECT count(*) FROM " + table);
    long job =
        create(
            new CreateJob()
                .setName("repair")
                .setTasks(
                    List.of(
                        sqlFile("first", "/Jobs/ok.sql"),
                        sqlFile("read", "/Jobs/read.sql").setDependsOn(deps("first")),
                        sqlFile("after", "/Jobs/ok.sql").setDependsOn(deps("read")))));
    long runId = runNow(job, null);
    Run run = awaitEnd(runId);
    assertThat(run.getState().getResultState()).isEqualTo(RunResultState.FAILED);
    assertThat(task(run, "first").getState().getResultState()).isEqualTo(RunResultState.SUCCESS);
    assertThat(task(run, "read").getState().getResultState()).isEqualTo(RunResultState.FAILED);
    assertThat(task(run, "after").getState().getResultState())
        .isEqualTo(RunResultState.UPSTREAM_FAILED);
    RunOutput why =
        w.jobs().getRunOutput(new GetRunOutputRequest().setRunId(task(run, "read").getRunId()));
    assertThat(why.getError()).contains("TABLE_OR_VIEW_NOT_FOUND");

    query("CREATE TABLE " + table + " (n INT)");
    long repairId =
        w.jobs()
            .repairRun(
                new RepairRun()
                    .setRunId(runId)
                    .setRerunTasks(List.of("read"))
                    .setRerunDependentTasks(true))
            .getResponse()
            .getRepairId();
    Run repaired = awaitEnd(runId);
    assertThat(repaired.getState().getResultState()).isEqualTo(RunResultState.SUCCESS);
    assertThat(task(repaired, "first").getRunId()).isEqualTo(task(run, "first").getRunId());
    assertThat(task(repaired, "read").getRunId()).isNotEqualTo(task(run, "read").getRunId());
    assertThat(task(repaired, "after").getRunId()).isNotEqualTo(task(run, "after").getRunId());
    assertThat(repaired.getRepairHistory())
        .extracting(h -> h.getType())
        .containsExactly(RepairHistoryItemType.ORIGINAL, RepairHistoryItemType.REPAIR);
    assertThat(new ArrayList<>(repaired.getRepairHistory()).get(1).getId()).isEqualTo(repairId);
  }

  @Test
  void aJobAtItsConcurrencyLimitQueuesAndCancelEndsRuns() throws Exception {
    FILES.put("/Jobs/slow.sql", "SQL", "SELECT sandbox_sleep(30)");
    long job =
        create(
            new CreateJob()
                .setName("queue")
                .setMaxConcurrentRuns(1L)
                .setTasks(List.of(sqlFile("slow", "/Jobs/slow.sql"))));
    long first = runNow(job, null);
    awaitLifeCycle(first, RunLifeCycleState.RUNNING);
    long second = runNow(job, null);
    Run queued = w.jobs().getRun(new GetRunRequest().setRunId(second));
    assertThat(queued.getState().getLifeCycleState()).isEqualTo(RunLifeCycleState.QUEUED);
    assertThat(queued.getStatus().getQueueDetails().getCode().toString())
        .isEqualTo("MAX_CONCURRENT_RUNS_REACHED");

    w.jobs().cancelRun(new CancelRun().setRunId(first));
    Run canceled = awaitEnd(first);
    assertThat(canceled.getState().getResultState()).isEqualTo(RunResultState.CANCELED);
    assertThat(task(canceled, "slow").getState().getResultState())
        .isEqualTo(RunResultState.CANCELED);
    awaitLifeCycle(second, RunLifeCycleState.RUNNING);
    w.jobs().cancelRun(new CancelRun().setRunId(second));
    assertThat(awaitEnd(second).getState().getResultState()).isEqualTo(RunResultState.CANCELED);
  }

  @Test
  void aTaskPastItsTimeoutTimesOut() throws Exception {
    FILES.put("/Jobs/slow2.sql", "SQL", "SELECT sandbox_sleep(30)");
    long job =
        create(
            new CreateJob()
                .setName("timeout")
                .setTasks(List.of(sqlFile("slow", "/Jobs/slow2.sql").setTimeoutSeconds(1L))));
    Run run = awaitEnd(runNow(job, null));
    assertThat(task(run, "slow").getState().getResultState()).isEqualTo(RunResultState.TIMEDOUT);
    assertThat(run.getState().getResultState()).isEqualTo(RunResultState.FAILED);
  }

  @Test
  void aFailingTaskIsRetriedAsNewTaskRuns() throws Exception {
    FILES.put("/Jobs/bad.sql", "SQL", "SELECT * FROM main.default.never_there_" + unique());
    long job =
        create(
            new CreateJob()
                .setName("retries")
                .setTasks(
                    List.of(
                        sqlFile("bad", "/Jobs/bad.sql")
                            .setMaxRetries(2L)
                            .setMinRetryIntervalMillis(0L))));
    Run run = awaitEnd(runNow(job, null));
    RunTask bad = task(run, "bad");
    assertThat(bad.getAttemptNumber()).isEqualTo(2L);
    assertThat(bad.getState().getResultState()).isEqualTo(RunResultState.FAILED);
    assertThat(run.getState().getResultState()).isEqualTo(RunResultState.FAILED);
  }

  @Test
  void conditionAndRunJobTasksBranchAndWait() throws Exception {
    FILES.put("/Jobs/one.sql", "SQL", "SELECT 1");
    long child =
        create(new CreateJob().setName("child").setTasks(List.of(sqlFile("one", "/Jobs/one.sql"))));
    long parent =
        create(
            new CreateJob()
                .setName("parent")
                .setParameters(
                    List.of(new JobParameterDefinition().setName("go").setDefault("yes")))
                .setTasks(
                    List.of(
                        new Task()
                            .setTaskKey("check")
                            .setConditionTask(
                                new ConditionTask()
                                    .setLeft("{{job.parameters.go}}")
                                    .setOp(ConditionTaskOp.EQUAL_TO)
                                    .setRight("yes")),
                        new Task()
                            .setTaskKey("then")
                            .setDependsOn(
                                List.of(
                                    new TaskDependency().setTaskKey("check").setOutcome("true")))
                            .setRunJobTask(new RunJobTask().setJobId(child)),
                        new Task()
                            .setTaskKey("otherwise")
                            .setDependsOn(
                                List.of(
                                    new TaskDependency().setTaskKey("check").setOutcome("false")))
                            .setRunJobTask(new RunJobTask().setJobId(child)))));
    Run run = awaitEnd(runNow(parent, null));
    assertThat(run.getState().getResultState()).isEqualTo(RunResultState.SUCCESS);
    assertThat(task(run, "check").getConditionTask().getOutcome()).isEqualTo("true");
    assertThat(task(run, "then").getState().getResultState()).isEqualTo(RunResultState.SUCCESS);
    assertThat(task(run, "otherwise").getState().getResultState())
        .isEqualTo(RunResultState.EXCLUDED);
    RunOutput out =
        w.jobs().getRunOutput(new GetRunOutputRequest().setRunId(task(run, "then").getRunId()));
    Run childRun = w.jobs().getRun(new GetRunRequest().setRunId(out.getRunJobOutput().getRunId()));
    assertThat(childRun.getJobId()).isEqualTo(child);
    assertThat(childRun.getState().getResultState()).isEqualTo(RunResultState.SUCCESS);
  }

  @Test
  void aCycleIsRefused() {
    CreateJob cyclic =
        new CreateJob()
            .setName("cycle")
            .setTasks(
                List.of(
                    sqlFile("a", "/x.sql").setDependsOn(deps("b")),
                    sqlFile("b", "/x.sql").setDependsOn(deps("a"))));
    assertThatThrownBy(() -> w.jobs().create(cyclic))
        .isInstanceOf(InvalidParameterValue.class)
        .hasMessageContaining("cycle");
  }

  private static Task sqlFile(String key, String path) {
    return new Task()
        .setTaskKey(key)
        .setSqlTask(
            new SqlTask()
                .setWarehouseId(Warehouses.STARTER_ID)
                .setFile(new SqlTaskFile().setPath(path)));
  }

  private static List<TaskDependency> deps(String... keys) {
    List<TaskDependency> out = new ArrayList<>();
    for (String k : keys) {
      out.add(new TaskDependency().setTaskKey(k));
    }
    return out;
  }

  private static long create(CreateJob job) {
    return w.jobs().create(job).getJobId();
  }

  private static long runNow(long job, Map<String, String> params) {
    return w.jobs()
        .runNow(new RunNow().setJobId(job).setJobParameters(params))
        .getResponse()
        .getRunId();
  }

  private static Run awaitEnd(long runId) throws InterruptedException {
    for (int i = 0; i < 1200; i++) {
      Run run = w.jobs().getRun(new GetRunRequest().setRunId(runId));
      RunLifeCycleState s = run.getState().getLifeCycleState();
      if (s == RunLifeCycleState.TERMINATED
          || s == RunLifeCycleState.SKIPPED
          || s == RunLifeCycleState.INTERNAL_ERROR) {
        return run;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("run " + runId + " did not end");
  }

  private static void awaitLifeCycle(long runId, RunLifeCycleState state)
      throws InterruptedException {
    for (int i = 0; i < 1200; i++) {
      if (w.jobs().getRun(new GetRunRequest().setRunId(runId)).getState().getLifeCycleState()
          == state) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("run " + runId + " never reached " + state);
  }

  private static RunTask task(Run run, String key) {
    return run.getTasks().stream()
        .filter(t -> key.equals(t.getTaskKey()))
        .findFirst()
        .orElseThrow();
  }

  private static StatementResponse query(String sql) {
    StatementResponse r =
        w.statementExecution()
            .executeStatement(
                new ExecuteStatementRequest()
                    .setWarehouseId(Warehouses.STARTER_ID)
                    .setWaitTimeout("30s")
                    .setStatement(sql));
    assertThat(r.getStatus().getState().toString()).as(sql).isEqualTo("SUCCEEDED");
    return r;
  }

  private static String unique() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  }
}
