package dev.databricksmcp.sandbox.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.catalog.CreateVolumeRequestContent;
import com.databricks.sdk.service.catalog.PermissionsChange;
import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.catalog.UpdatePermissions;
import com.databricks.sdk.service.catalog.VolumeType;
import com.databricks.sdk.service.files.UploadRequest;
import com.databricks.sdk.service.sql.ColumnInfo;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SQL over a CSV file in a volume, through the real Databricks SDK: {@code w.files().upload} then
 * {@code statementExecution().executeStatement} with {@code read_files(…)} or {@code csv.`…`}. The
 * sandbox reads the bytes from its own volume store after a READ VOLUME check and parses them in
 * Java; DuckDB never opens a file. The documented defaults are in {@code VolumeFileSyntax}; where
 * the reference is silent (a path outside volumes, a glob) the sandbox refuses and says so.
 */
@Timeout(60)
class VolumeFilesInSqlTest {
  private static final String CSV =
      "id,name,price,active,day,note\n"
          + "1,apple,1.5,true,2026-01-02,\"red, sweet\"\n"
          + "2,pear,2,false,2026-01-03,\n"
          + "3,\"fig \"\"dried\"\"\",10.25,true,2026-01-04,x\n";

  private static Sandbox sandbox;
  private static WorkspaceClient admin;
  private static WorkspaceClient analyst;
  private static String dir;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.inMemory());
    admin = client(Identities.ADMIN_TOKEN);
    analyst = client(Identities.USER_TOKEN);
    admin
        .volumes()
        .create(
            new CreateVolumeRequestContent()
                .setCatalogName("main")
                .setSchemaName("default")
                .setName("sql_files")
                .setVolumeType(VolumeType.MANAGED));
    dir = "/Volumes/main/default/sql_files";
    admin
        .files()
        .upload(
            new UploadRequest()
                .setFilePath(dir + "/fruit.csv")
                .setContents(new ByteArrayInputStream(CSV.getBytes(StandardCharsets.UTF_8))));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static WorkspaceClient client(String token) {
    return new WorkspaceClient(
        new DatabricksConfig().setHost(sandbox.host()).setToken(token).setAuthType("pat"));
  }

  private static StatementResponse run(WorkspaceClient w, String sql) {
    return w.statementExecution()
        .executeStatement(
            new ExecuteStatementRequest()
                .setWarehouseId(Warehouses.STARTER_ID)
                .setStatement(sql)
                .setWaitTimeout("30s"));
  }

  private static List<List<String>> rows(StatementResponse r) {
    assertThat(r.getStatus().getState())
        .as(String.valueOf(r.getStatus().getError()))
        .isEqualTo(StatementState.SUCCEEDED);
    List<List<String>> out = new ArrayList<>();
    r.getResult().getDataArray().forEach(row -> out.add(new ArrayList<>(row)));
    return out;
  }

  private static String error(StatementResponse r) {
    assertThat(r.getStatus().getState()).isEqualTo(StatementState.FAILED);
    return r.getStatus().getError().getMessage();
  }

  @Test
  void readFilesWithAHeaderInfersColumnTypes() {
    StatementResponse r =
        run(
            admin,
            "SELECT * FROM read_files('"
                + dir
                + "/fruit.csv', format => 'csv', header => true) ORDER BY id");
    assertThat(rows(r))
        .containsExactly(
            List.of("1", "apple", "1.5", "true", "2026-01-02", "red, sweet"),
            java.util.Arrays.asList("2", "pear", "2.0", "false", "2026-01-03", null),
            List.of("3", "fig \"dried\"", "10.25", "true", "2026-01-04", "x"));
    assertThat(r.getManifest().getSchema().getColumns())
        .extracting(ColumnInfo::getName)
        .containsExactly("id", "name", "price", "active", "day", "note");
    assertThat(r.getManifest().getSchema().getColumns())
        .extracting(c -> c.getTypeName().name())
        .containsExactly("INT", "STRING", "DOUBLE", "BOOLEAN", "DATE", "STRING");
  }

  @Test
  void theFileJoinsAndFiltersLikeATable() {
    StatementResponse r =
        run(
            admin,
            "SELECT f.name, f.price * 2 AS twice FROM read_files('"
                + dir
                + "/fruit.csv', header => true) AS f WHERE f.active AND f.price > 1"
                + " ORDER BY f.price");
    assertThat(rows(r)).containsExactly(List.of("apple", "3.0"), List.of("fig \"dried\"", "20.5"));
  }

  @Test
  void withoutAHeaderColumnsAreNumberedAndTheFirstLineIsData() {
    List<List<String>> rows = rows(run(admin, "SELECT _c0, _c1 FROM csv.`" + dir + "/fruit.csv`"));
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0)).containsExactly("id", "name");
  }

  @Test
  void readingNeedsReadVolume() {
    String sql = "SELECT count(*) FROM read_files('" + dir + "/fruit.csv', header => true)";
    assertThat(error(run(analyst, sql)))
        .startsWith("[INSUFFICIENT_PERMISSIONS]")
        .doesNotContain("price");
    grant("catalog", "main", Privilege.USE_CATALOG);
    grant("schema", "main.default", Privilege.USE_SCHEMA);
    grant("schema", "main.default", Privilege.READ_VOLUME); // inherited by its volumes
    assertThat(rows(run(analyst, sql))).containsExactly(List.of("3"));
  }

  @Test
  void aMissingFileIsPathNotFound() {
    assertThat(error(run(admin, "SELECT * FROM read_files('" + dir + "/none.csv')")))
        .startsWith("[PATH_NOT_FOUND] Path does not exist: " + dir + "/none.csv")
        .contains("SQLSTATE: 42K03");
    assertThat(error(run(admin, "SELECT * FROM csv.`/Volumes/main/default/nope/a.csv`")))
        .startsWith("[PATH_NOT_FOUND]");
  }

  @Test
  void pathsOutsideVolumesOrWithDotDotAreRefused() {
    for (String sql :
        List.of(
            "SELECT * FROM read_files('/etc/passwd', format => 'csv')",
            "SELECT * FROM csv.`/etc/passwd`",
            "SELECT * FROM read_files('file:/etc/passwd', format => 'csv')",
            "SELECT * FROM read_files('" + dir + "/*.csv')")) {
      assertThat(error(run(admin, sql))).as(sql).startsWith("[UNSUPPORTED_FEATURE]");
    }
    assertThat(
            error(run(admin, "SELECT * FROM read_files('" + dir + "/../../../../etc/passwd.csv')")))
        .startsWith("[INVALID_PARAMETER_VALUE]")
        .contains("'..'");
  }

  @Test
  void duckDbsOwnFileFunctionsStayRefusedOnVolumePaths() {
    for (String sql :
        List.of(
            "SELECT * FROM read_csv('" + dir + "/fruit.csv')",
            "SELECT * FROM read_csv_auto('" + dir + "/fruit.csv')",
            "SELECT * FROM '" + dir + "/fruit.csv'",
            "SELECT * FROM `read_files`('" + dir + "/fruit.csv')",
            "SELECT * FROM system.main.read_files('" + dir + "/fruit.csv')")) {
      assertThat(error(run(admin, sql))).as(sql).startsWith("[UNSUPPORTED_FEATURE]");
    }
  }

  @Test
  void optionsAreCheckedNotGuessed() {
    assertThat(
            error(
                run(admin, "SELECT * FROM read_files('" + dir + "/fruit.csv', format => 'json')")))
        .startsWith("[UNSUPPORTED_FEATURE]");
    assertThat(
            error(
                run(admin, "SELECT * FROM read_files('" + dir + "/fruit.csv', multiLine => true)")))
        .startsWith("[UNSUPPORTED_FEATURE]")
        .contains("multiline");
    assertThat(error(run(admin, "SELECT * FROM read_files(current_user())")))
        .startsWith("[INVALID_PARAMETER_VALUE]");
  }

  @Test
  void theTemporaryTableDoesNotOutliveItsStatement() {
    rows(run(admin, "SELECT * FROM read_files('" + dir + "/fruit.csv', header => true)"));
    assertThat(error(run(admin, "SELECT * FROM temp.main.sandbox_file_1"))).isNotEmpty();
  }

  private static void grant(String type, String name, Privilege privilege) {
    admin
        .grants()
        .update(
            new UpdatePermissions()
                .setSecurableType(type)
                .setFullName(name)
                .setChanges(
                    List.of(
                        new PermissionsChange()
                            .setPrincipal(Identities.ANALYST.userName())
                            .setAdd(List.of(privilege)))));
  }
}
