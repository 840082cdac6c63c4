package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.compute.Command;
import com.databricks.sdk.service.compute.CommandStatus;
import com.databricks.sdk.service.compute.CommandStatusResponse;
import com.databricks.sdk.service.compute.CreateCluster;
import com.databricks.sdk.service.compute.CreateContext;
import com.databricks.sdk.service.compute.Language;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.uc.Metastore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The attempts of {@link HostEscapeAttemptsTest} again, as SQL commands of the Command Execution
 * API by an ordinary user on a cluster of their own: the same refusals (one statement; no file,
 * ATTACH, COPY, setting or environment reached), as error results, and the analyst's grants hold
 * (no SELECT on a table the admin made). Python is off here, and a Python command that would write
 * a file writes none.
 */
@Timeout(180)
class CommandsHostEscapeAttemptsTest {
  @TempDir static Path dataDir;
  @TempDir static Path outside;
  @TempDir static Path planted;
  private static Sandbox sandbox;
  private static WorkspaceClient analyst;
  private static String cluster;
  private static String sqlContext;

  @BeforeAll
  static void start() throws Exception {
    Files.writeString(planted.resolve("token.csv"), "token\ndapi-planted-0123456789abcdef\n");
    sandbox = Sandbox.start(new SandboxOptions(0, dataDir, 200));
    WorkspaceClient admin = SandboxClients.pat(sandbox, Identities.ADMIN_TOKEN);
    analyst = SandboxClients.pat(sandbox, Identities.USER_TOKEN);
    cluster =
        analyst
            .clusters()
            .create(
                new CreateCluster()
                    .setClusterName("attacker")
                    .setSparkVersion("15.4.x-scala2.12")
                    .setNodeTypeId("m5d.large")
                    .setNumWorkers(1L))
            .get(Duration.ofSeconds(60))
            .getClusterId();
    sqlContext = context(Language.SQL);
    String adminContext =
        admin
            .commandExecution()
            .create(new CreateContext().setClusterId(cluster).setLanguage(Language.SQL))
            .getResponse()
            .getId();
    CommandStatusResponse made =
        admin
            .commandExecution()
            .execute(
                new Command()
                    .setClusterId(cluster)
                    .setContextId(adminContext)
                    .setLanguage(Language.SQL)
                    .setCommand("CREATE TABLE main.default.victim AS SELECT 1 AS x"))
            .get(Duration.ofSeconds(60));
    assertThat(made.getStatus())
        .as(String.valueOf(made.getResults()))
        .isEqualTo(CommandStatus.FINISHED);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @AfterEach
  void nothingWritten() throws IOException {
    try (Stream<Path> out = Files.list(outside);
        Stream<Path> catalogs = Files.list(Metastore.catalogDirectory(dataDir))) {
      assertThat(out).as("files outside the sandbox").isEmpty();
      assertThat(catalogs).as("files in the catalog directory").isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.databricksmcp.sandbox.HostEscapeAttemptsTest#hostAccess")
  void theHostIsOutOfReach(String sql) throws Exception {
    assertRefused(sql, "UNSUPPORTED_FEATURE");
  }

  @ParameterizedTest
  @MethodSource("dev.databricksmcp.sandbox.HostEscapeAttemptsTest#secondStatements")
  void aSecondStatementIsRefused(String sql) throws Exception {
    assertRefused(sql, "PARSE_SYNTAX_ERROR");
  }

  @Test
  void theCallersGrantsHold() throws Exception {
    assertRefused("SELECT * FROM main.default.victim", "INSUFFICIENT_PERMISSIONS");
    assertRefused("DROP TABLE main.default.victim", "INSUFFICIENT_PERMISSIONS");
  }

  @Test
  void aPythonCommandRunsNothingWithoutTheOptIn() throws Exception {
    Path marker = outside.resolve("python-ran");
    CommandStatusResponse r =
        run(
            context(Language.PYTHON),
            Language.PYTHON,
            "open(" + pythonString(marker.toString()) + ", 'w').write('x')");
    assertThat(r.getStatus()).isEqualTo(CommandStatus.ERROR);
    assertThat(r.getResults().getCause()).contains("--sandbox-python");
    assertThat(marker).doesNotExist();
  }

  private static void assertRefused(String sql, String errorClass) throws Exception {
    String text =
        sql.replace("{out}", outside.toString())
            .replace("{catalogs}", Metastore.catalogDirectory(dataDir).toString())
            .replace("{planted}", planted.toString());
    CommandStatusResponse r = run(sqlContext, Language.SQL, text);
    assertThat(r.getStatus()).as(text).isEqualTo(CommandStatus.ERROR);
    assertThat(r.getResults().getSummary()).as(text).startsWith("[" + errorClass);
    assertThat(r.getResults().getCause()).doesNotContain("dapi-planted");
  }

  /** Runs the command and polls (every 20 ms, bounded) until it ends: the SDK's wait sleeps 1 s. */
  private static CommandStatusResponse run(String context, Language language, String text)
      throws Exception {
    String id =
        analyst
            .commandExecution()
            .impl()
            .execute(
                new Command()
                    .setClusterId(cluster)
                    .setContextId(context)
                    .setLanguage(language)
                    .setCommand(text))
            .getId();
    for (int i = 0; i < 3000; i++) {
      CommandStatusResponse r = analyst.commandExecution().commandStatus(cluster, context, id);
      if (r.getStatus() == CommandStatus.FINISHED
          || r.getStatus() == CommandStatus.ERROR
          || r.getStatus() == CommandStatus.CANCELLED) {
        return r;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("command never ended: " + text);
  }

  private static String context(Language language) {
    return analyst
        .commandExecution()
        .create(new CreateContext().setClusterId(cluster).setLanguage(language))
        .getResponse()
        .getId();
  }

  private static String pythonString(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
