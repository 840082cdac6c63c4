package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.compute.CancelCommand;
import com.databricks.sdk.service.compute.Command;
import com.databricks.sdk.service.compute.CommandStatus;
import com.databricks.sdk.service.compute.CommandStatusResponse;
import com.databricks.sdk.service.compute.CreateCluster;
import com.databricks.sdk.service.compute.CreateContext;
import com.databricks.sdk.service.compute.Language;
import com.databricks.sdk.service.compute.ResultType;
import dev.databricksmcp.sandbox.auth.Identities;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Python commands with the opt-in, through the real SDK: output as a text result, the value of a
 * last expression printed as a notebook does, {@code spark.sql(...)} running SQL in the sandbox as
 * the caller (grants included), {@code display(df)} as a table result, an exception as an error
 * result with its traceback, and cancel stopping the process. Skipped where there is no python3.
 */
@Timeout(180)
class PythonCommandsTest {
  private static Sandbox sandbox;
  private static WorkspaceClient analyst;
  private static String cluster;
  private static String context;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(python3(), "no python3 on this machine");
    sandbox = Sandbox.start(new SandboxOptions(0, null, 200).withPythonCommands(true));
    analyst = SandboxClients.pat(sandbox, Identities.USER_TOKEN);
    cluster =
        analyst
            .clusters()
            .create(
                new CreateCluster()
                    .setClusterName("python")
                    .setSparkVersion("15.4.x-scala2.12")
                    .setNodeTypeId("m5d.large")
                    .setNumWorkers(1L))
            .get(Duration.ofSeconds(60))
            .getClusterId();
    context =
        analyst
            .commandExecution()
            .create(new CreateContext().setClusterId(cluster).setLanguage(Language.PYTHON))
            .getResponse()
            .getId();
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void printsAndTheLastExpressionAreTheTextResult() throws Exception {
    CommandStatusResponse r = run("print('hello')\n6 * 7");
    assertThat(r.getStatus()).isEqualTo(CommandStatus.FINISHED);
    assertThat(r.getResults().getResultType()).isEqualTo(ResultType.TEXT);
    assertThat((String) r.getResults().getData()).isEqualTo("hello\n42\n");
  }

  @Test
  void sparkSqlRunsInTheSandboxAndDisplayMakesATable() throws Exception {
    CommandStatusResponse r =
        run("df = spark.sql('SELECT 6*7 AS answer')\nprint(df.collect()[0].answer)\ndisplay(df)");
    assertThat(r.getStatus()).as(String.valueOf(r.getResults())).isEqualTo(CommandStatus.FINISHED);
    assertThat(r.getResults().getResultType()).isEqualTo(ResultType.TABLE);
    assertThat(((List<?>) ((List<?>) r.getResults().getData()).get(0)).get(0)).isEqualTo(42);
    assertThat(r.getResults().getSchema().iterator().next().get("name")).isEqualTo("answer");
  }

  @Test
  void sparkSqlRunsAsTheCaller() throws Exception {
    WorkspaceClient admin = SandboxClients.pat(sandbox, Identities.ADMIN_TOKEN);
    admin
        .statementExecution()
        .executeStatement(
            new com.databricks.sdk.service.sql.ExecuteStatementRequest()
                .setWarehouseId(dev.databricksmcp.sandbox.sql.Warehouses.STARTER_ID)
                .setStatement("CREATE TABLE main.default.admins_only AS SELECT 1 AS x")
                .setWaitTimeout("30s"));
    CommandStatusResponse r = run("spark.sql('SELECT * FROM main.default.admins_only').show()");
    assertThat(r.getStatus()).isEqualTo(CommandStatus.ERROR);
    assertThat(r.getResults().getSummary()).contains("INSUFFICIENT_PERMISSIONS");
  }

  @Test
  void anExceptionIsAnErrorResultWithItsTraceback() throws Exception {
    CommandStatusResponse r = run("def f():\n    return 1 / 0\nf()");
    assertThat(r.getStatus()).isEqualTo(CommandStatus.ERROR);
    assertThat(r.getResults().getResultType()).isEqualTo(ResultType.ERROR);
    assertThat(r.getResults().getSummary()).isEqualTo("ZeroDivisionError: division by zero");
    assertThat(r.getResults().getCause()).contains("Traceback").contains("in f");
    assertThat(r.getResults().getCause()).doesNotContain("python_bridge");
  }

  @Test
  void cancelStopsTheProcess() throws Exception {
    String id =
        analyst
            .commandExecution()
            .execute(command("import time\ntime.sleep(60)\nprint('not cancelled')"))
            .getResponse()
            .getId();
    CommandStatusResponse r =
        analyst
            .commandExecution()
            .cancel(
                new CancelCommand().setClusterId(cluster).setContextId(context).setCommandId(id))
            .get(Duration.ofSeconds(60));
    assertThat(r.getStatus()).isEqualTo(CommandStatus.CANCELLED);
  }

  private static CommandStatusResponse run(String code) throws Exception {
    return analyst.commandExecution().execute(command(code)).get(Duration.ofSeconds(90));
  }

  private static Command command(String code) {
    return new Command()
        .setClusterId(cluster)
        .setContextId(context)
        .setLanguage(Language.PYTHON)
        .setCommand(code);
  }

  private static boolean python3() {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
