package dev.databricksmcp.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.sql.StartRequest;
import com.databricks.sdk.service.sql.StopRequest;
import com.databricks.sdk.service.sql.WarehouseAccessControlRequest;
import com.databricks.sdk.service.sql.WarehousePermissionLevel;
import com.databricks.sdk.service.sql.WarehousePermissionsRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code databricks-mcp doctor}: all ✓ on the sandbox, and each way a set-up goes wrong (a refused
 * token, a host that does not answer, a profile that is not there, a principal without a usable
 * warehouse) a ✗ saying what to do, exit 1, and never a stack trace or the token. The profiles live
 * in a temporary ~/.databrickscfg named by DATABRICKS_CONFIG_FILE, as a user's would.
 */
@Timeout(120)
class DoctorCommandTest {
  private static Sandbox sandbox;
  @TempDir static Path dir;
  private static Path config;

  private record Run(int code, String out, String err) {
    JsonNode check(String name) throws IOException {
      for (JsonNode c : new ObjectMapper().readTree(out).path("checks")) {
        if (c.path("check").asText().equals(name)) {
          return c;
        }
      }
      throw new AssertionError("no check " + name + " in " + out);
    }
  }

  @BeforeAll
  static void start() throws IOException {
    sandbox = Sandbox.start(SandboxOptions.inMemory());
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    config = dir.resolve("databrickscfg");
    Files.writeString(
        config,
        String.join(
            "\n",
            "[admin]",
            "host  = " + sandbox.host(),
            "token = " + Identities.ADMIN_TOKEN,
            "[wrong-token]",
            "host  = " + sandbox.host(),
            "token = dapi-not-a-token-of-this-workspace",
            "[unreachable]",
            "host  = http://127.0.0.1:" + closedPort,
            "token = dapi-whatever",
            "[analyst]",
            "host  = " + sandbox.host(),
            "token = " + Identities.USER_TOKEN,
            ""));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static Run doctor(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = new String[args.length + 1];
    all[0] = "doctor";
    System.arraycopy(args, 0, all, 1, args.length);
    int code =
        Main.run(
            all,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env);
    Run run =
        new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    assertThat(run.out() + run.err())
        .doesNotContain("\tat ")
        .doesNotContain("Exception:")
        .doesNotContain("dapi-not-a-token")
        .doesNotContain(Identities.ADMIN_TOKEN)
        .doesNotContain(Identities.USER_TOKEN);
    return run;
  }

  private static Run doctorWithProfile(String profile, String... more) {
    String[] args = new String[more.length + 2];
    args[0] = "--profile";
    args[1] = profile;
    System.arraycopy(more, 0, args, 2, more.length);
    return doctor(Map.of("DATABRICKS_CONFIG_FILE", config.toString()), args);
  }

  @Test
  void theSandboxPassesEveryCheck() {
    Run run = doctor(Map.of(), "--sandbox");

    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out())
        .doesNotContain("✗")
        .contains("✓ configuration")
        .contains("✓ workspace")
        .contains("✓ signed in      admin@sandbox.local (auth pat, token fingerprint sha256:")
        .contains("✓ SQL warehouse  '" + Warehouses.STARTER_NAME + "'")
        .contains("SELECT 1 answered")
        .contains("✓ Unity Catalog")
        .contains("✓ catalogs       can list catalogs: ")
        .contains("✓ server         databricks-mcp ")
        .contains("✓ HTTP")
        .contains("✓ tracing        off (set OTEL_EXPORTER_OTLP_ENDPOINT")
        .contains("All checks passed");
  }

  @Test
  void tracingSaysWhereSpansGoWithoutTheEndpointsCredentials() throws IOException {
    Run run =
        doctor(
            Map.of(
                "DATABRICKS_CONFIG_FILE", config.toString(),
                "OTEL_EXPORTER_OTLP_ENDPOINT", "https://ops:s3cret-pw@collector.example:4318/?k=q1",
                "OTEL_EXPORTER_OTLP_HEADERS", "api-key=hdr-s3cret"),
            "--profile",
            "admin",
            "--json");

    JsonNode tracing = run.check("tracing");
    assertThat(tracing.path("ok").asBoolean()).isTrue();
    assertThat(tracing.path("detail").asText())
        .isEqualTo("on: OTLP http/protobuf to https://collector.example:4318/v1/traces");
    assertThat(run.out()).doesNotContain("s3cret").doesNotContain("q1");
  }

  @Test
  void tracingOverGrpcIsAFailureThatSaysToUseHttp() throws IOException {
    Run run =
        doctor(
            Map.of(
                "DATABRICKS_CONFIG_FILE", config.toString(),
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
            "--profile",
            "admin",
            "--json");

    assertThat(run.code()).isEqualTo(1);
    JsonNode tracing = run.check("tracing");
    assertThat(tracing.path("ok").asBoolean()).isFalse();
    assertThat(tracing.path("advice").asText())
        .contains("OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf");
  }

  @Test
  void aProfileOfTheConfigFileIsNamedWithItsFile() throws IOException {
    Run run = doctorWithProfile("admin", "--json");

    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.check("configuration").path("detail").asText())
        .isEqualTo(sandbox.host() + " from profile 'admin' in " + config + " (--profile)");
    assertThat(new ObjectMapper().readTree(run.out()).path("ok").asBoolean()).isTrue();
  }

  @Test
  void aRefusedTokenFailsTheSignInWithWhatToDo() throws IOException {
    Run run = doctorWithProfile("wrong-token", "--json");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.check("workspace").path("ok").asBoolean()).isTrue();
    JsonNode signIn = run.check("signed in");
    assertThat(signIn.path("ok").asBoolean()).isFalse();
    assertThat(signIn.path("detail").asText()).contains("401");
    assertThat(signIn.path("advice").asText()).contains("token").contains("databricks auth login");
    assertThat(run.check("SQL warehouse").path("detail").asText()).contains("not checked");
  }

  @Test
  void anUnreachableHostFailsPromptly() throws IOException {
    long started = System.nanoTime();
    Run run = doctorWithProfile("unreachable", "--json");
    long seconds = (System.nanoTime() - started) / 1_000_000_000;

    assertThat(run.code()).isEqualTo(1);
    assertThat(seconds).isLessThan(DoctorChecks.TIMEOUT.toSeconds());
    JsonNode workspace = run.check("workspace");
    assertThat(workspace.path("ok").asBoolean()).isFalse();
    assertThat(workspace.path("detail").asText()).contains("connection refused");
    assertThat(workspace.path("advice").asText()).contains("host and port");
  }

  @Test
  void aProfileThatIsNotThereListsTheOnesThatAre() {
    Run run = doctorWithProfile("prod");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "✗ configuration  profile 'prod' (--profile) is not in "
                + config
                + "; its profiles: admin, wrong-token, unreachable, analyst")
        .contains("→ name one of those with --profile, or create it: databricks auth login")
        .contains("✗ workspace      not checked");
  }

  @Test
  void noConfigurationAtAllSaysWhatToSet() {
    Run run = doctor(Map.of("DATABRICKS_CONFIG_FILE", dir.resolve("none").toString()));

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .contains("✗ configuration  no Databricks workspace is configured")
        .contains("DATABRICKS_HOST")
        .contains("--sandbox");
  }

  @Test
  void aPrincipalWithoutAUsableWarehouseIsToldToAskForCanUse() throws IOException {
    // the analyst holds no level on either warehouse; stopped, neither is started to find out
    WorkspaceClient admin =
        new WorkspaceClient(
            new DatabricksConfig().setHost(sandbox.host()).setToken(Identities.ADMIN_TOKEN));
    admin.warehouses().stop(new StopRequest().setId(Warehouses.STARTER_ID));
    try {
      Run run = doctorWithProfile("analyst", "--json");

      assertThat(run.code()).isEqualTo(1);
      JsonNode warehouse = run.check("SQL warehouse");
      assertThat(warehouse.path("ok").asBoolean()).isFalse();
      assertThat(warehouse.path("detail").asText())
          .contains("you hold no permission on it, and statements need CAN_USE");
      assertThat(warehouse.path("advice").asText())
          .contains("CAN USE")
          .contains("DATABRICKS_MCP_WAREHOUSE_ID");
      assertThat(run.check("signed in").path("detail").asText())
          .startsWith("analyst@sandbox.local");

      // granted CAN_USE on the warehouse doctor would choose, the analyst passes
      String chosen =
          warehouse.path("detail").asText().contains(Warehouses.ANALYTICS_ID)
              ? Warehouses.ANALYTICS_ID
              : Warehouses.STARTER_ID;
      admin
          .warehouses()
          .updatePermissions(
              new WarehousePermissionsRequest()
                  .setWarehouseId(chosen)
                  .setAccessControlList(
                      List.of(
                          new WarehouseAccessControlRequest()
                              .setUserName("analyst@sandbox.local")
                              .setPermissionLevel(WarehousePermissionLevel.CAN_USE))));
      JsonNode granted = doctorWithProfile("analyst", "--json").check("SQL warehouse");
      assertThat(granted.path("ok").asBoolean()).as(granted.toString()).isTrue();
      assertThat(granted.path("detail").asText()).contains("you hold CAN_USE");
    } finally {
      admin.warehouses().start(new StartRequest().setId(Warehouses.STARTER_ID));
    }
  }

  @Test
  void httpSettingsServeWouldRefuseAreAFailure() throws IOException {
    Run run = doctor(Map.of(), "--sandbox", "--json", "--transport", "http", "--host", "0.0.0.0");

    assertThat(run.code()).isEqualTo(1);
    JsonNode http = run.check("HTTP");
    assertThat(http.path("ok").asBoolean()).isFalse();
    assertThat(http.path("advice").asText()).contains("--auth token");
  }
}
