package dev.databricksmcp.server.tools;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.data;
import static dev.databricksmcp.server.testing.SandboxFixture.items;
import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.core.Toolsets;
import dev.databricksmcp.server.testing.SandboxFixture;
import dev.databricksmcp.server.tools.sql.SqlSettings;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/OUTPUT.md, over every tool: a session on the sandbox calls each tool of the inventory at
 * least once (a new tool without a step here fails), and every answer — success or error — is
 * walked for what the conventions forbid: a camelCase key, a time as an epoch number or in a
 * non-ISO format, a field only raw SDK output carries, a list without {@code data.items}, and a
 * text block larger than the byte budget.
 */
class OutputConventionsTest {
  private static final Pattern CAMEL_CASE = Pattern.compile("[a-z0-9]+[A-Z][A-Za-z0-9]*");

  /** "2026-12-01 05:34:24.682", "12/01/2026": times a model must not have to guess the zone of. */
  private static final Pattern NON_ISO_TIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}.*|\\d{1,2}/\\d{1,2}/\\d{4}.*");

  /** A key naming a point in time. */
  private static final Pattern TIME_KEY =
      Pattern.compile(".*(_at|_time|_timestamp|^time|^timestamp)$");

  /** Fields only raw SDK objects carry; curated shapes never pass them through. */
  private static final Set<String> RAW_SDK_FIELDS =
      Set.of(
          "type_json",
          "table_info",
          "query_infos",
          "odbc_params",
          "browse_only",
          "securable_kind_manifest",
          "effective_predictive_optimization_flag",
          "delta_runtime_properties_kvpairs");

  /** The text block is held to the structured budget, with room for the message and delimiters. */
  private static final int TEXT_OVERHEAD = 4 * 1024;

  private static SandboxFixture fx;
  private static final Set<String> called = new TreeSet<>();

  /** What breaks the rules, each kind once per tool and path (list positions folded). */
  private static final Set<String> broken = new LinkedHashSet<>();

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void everyToolAnswersByTheConventions() throws Exception {
    createFunction("main.default.conv_plus_one");
    String warehouse = firstWarehouse();

    step("get_workspace_info", Map.of());
    step("get_metastore", Map.of());
    step("list_catalogs", Map.of());
    step("list_catalogs", Map.of("detail", true));
    step("get_catalog", Map.of("name", "samples"));
    step("list_schemas", Map.of("catalog_name", "samples"));
    step("list_schemas", Map.of("catalog_name", "samples", "detail", true));
    step("get_schema", Map.of("full_name", "samples.tpch"));
    step("list_tables", Map.of("catalog_name", "samples", "schema_name", "tpch"));
    step("list_tables", Map.of("catalog_name", "samples", "schema_name", "tpch", "detail", true));
    step(
        "list_tables",
        Map.of("catalog_name", "samples", "schema_name", "tpch", "name_pattern", "order%"));
    step("get_table", Map.of("full_name", "samples.tpch.orders"));
    step("search_tables", Map.of("query", "order"));
    step("preview_table", Map.of("full_name", "samples.tpch.region"));
    step("create_catalog", Map.of("name", "conv", "comment", "conventions"));
    step("update_catalog", Map.of("name", "conv", "comment", "walked"));
    step("create_schema", Map.of("catalog_name", "conv", "name", "s"));
    step("update_schema", Map.of("full_name", "conv.s", "comment", "walked"));
    step("create_volume", Map.of("catalog_name", "conv", "schema_name", "s", "name", "v"));
    step("list_volumes", Map.of("catalog_name", "conv", "schema_name", "s"));
    step("get_volume", Map.of("full_name", "conv.s.v"));
    step("list_functions", Map.of("catalog_name", "main", "schema_name", "default"));
    step("get_function", Map.of("full_name", "main.default.conv_plus_one"));
    step(
        "update_grants",
        Map.of(
            "securable_type",
            "schema",
            "full_name",
            "conv.s",
            "principal",
            Identities.ANALYST.userName(),
            "add",
            List.of("USE_SCHEMA")));
    step("get_grants", Map.of("securable_type", "schema", "full_name", "conv.s"));
    step("get_effective_grants", Map.of("securable_type", "schema", "full_name", "conv.s"));

    step(
        "execute_sql",
        Map.of(
            "statement",
            "CREATE TABLE conv.s.t AS SELECT fare_amount FROM samples.nyctaxi.trips LIMIT 5"));
    step("get_table_lineage", Map.of("full_name", "conv.s.t"));
    step("get_table_lineage", Map.of("full_name", "samples.nyctaxi.trips"));
    step("get_column_lineage", Map.of("full_name", "conv.s.t", "column_name", "fare_amount"));
    CallToolResult select =
        step(
            "execute_sql",
            Map.of(
                "statement",
                "SELECT pickup_zip, avg(fare_amount) AS avg_fare FROM samples.nyctaxi.trips"
                    + " GROUP BY 1 ORDER BY 2 DESC LIMIT 10"));
    step(
        "execute_sql",
        Map.of("statement", "SELECT * FROM samples.nyctaxi.trips", "max_rows", 10000));
    String statementId = String.valueOf(data(select).get("statement_id"));
    step("get_statement", Map.of("statement_id", statementId));
    step("cancel_statement", Map.of("statement_id", statementId));
    step("execute_sql_script", Map.of("statements", "SELECT 1 AS a; SELECT 2 AS b"));
    step("explain_sql", Map.of("statement", "SELECT * FROM samples.tpch.orders"));
    optionalStep("execute_sql_read_only", Map.of("statement", "SELECT 1 AS one"));
    step(
        "visualize_query",
        Map.of("statement", "SELECT 'a' AS k, 1 AS v UNION ALL SELECT 'b', 2", "chart", "bar"));

    step("list_warehouses", Map.of());
    step("get_warehouse", Map.of("warehouse_id", warehouse));
    CallToolResult created =
        step("create_warehouse", Map.of("name", "conv warehouse", "cluster_size", "2X-Small"));
    String newWarehouse = String.valueOf(firstNonNull(data(created), "id", "warehouse_id"));
    step("update_warehouse", Map.of("warehouse_id", newWarehouse, "auto_stop_mins", 15));
    step("stop_warehouse", Map.of("warehouse_id", newWarehouse, "wait_seconds", 0));
    step("start_warehouse", Map.of("warehouse_id", newWarehouse, "wait_seconds", 0));
    step("delete_warehouse", Map.of("warehouse_id", newWarehouse));

    // compute (issue #16): clusters, their events, libraries, node types and runtime versions
    CallToolResult cluster = step("create_cluster", Map.of("name", "conv cluster"));
    String clusterId = String.valueOf(data(cluster).get("cluster_id"));
    step("list_clusters", Map.of());
    step("list_clusters", Map.of("detail", true, "name_contains", "conv"));
    step("get_cluster", Map.of("cluster_id", clusterId));
    // commands on the running cluster: a table, an error as data, a handle, its status, a cancel
    step(
        "execute_command",
        Map.of("cluster_id", clusterId, "language", "sql", "command", "SELECT 6*7 AS answer"));
    step(
        "execute_command",
        Map.of("cluster_id", clusterId, "language", "sql", "command", "SELECT * FROM nothere"));
    Map<String, Object> running =
        data(
            step(
                "execute_command",
                Map.of(
                    "cluster_id",
                    clusterId,
                    "language",
                    "sql",
                    "command",
                    "SELECT sandbox_sleep(30)",
                    "wait_seconds",
                    0)));
    Map<String, Object> commandIds =
        Map.of(
            "cluster_id",
            clusterId,
            "context_id",
            String.valueOf(running.get("context_id")),
            "command_id",
            String.valueOf(running.get("command_id")));
    step("get_command_status", commandIds);
    step("cancel_command", commandIds);
    step("edit_cluster", Map.of("cluster_id", clusterId, "autotermination_minutes", 30));
    step("resize_cluster", Map.of("cluster_id", clusterId, "num_workers", 1, "wait_seconds", 0));
    step("restart_cluster", Map.of("cluster_id", clusterId, "wait_seconds", 0));
    step("pin_cluster", Map.of("cluster_id", clusterId));
    step("unpin_cluster", Map.of("cluster_id", clusterId));
    step("terminate_cluster", Map.of("cluster_id", clusterId));
    step("get_cluster", Map.of("cluster_id", clusterId));
    step("start_cluster", Map.of("cluster_id", clusterId, "wait_seconds", 0));
    step("start_cluster", Map.of("cluster_id", clusterId, "wait_seconds", 0));
    step("list_cluster_events", Map.of("cluster_id", clusterId));
    step(
        "install_libraries",
        Map.of("cluster_id", clusterId, "pypi", List.of("pandas==2.2.0"), "wait_seconds", 0));
    step("get_cluster_libraries", Map.of("cluster_id", clusterId));
    step("uninstall_libraries", Map.of("cluster_id", clusterId, "pypi", List.of("pandas==2.2.0")));
    step("list_node_types", Map.of());
    step("list_spark_versions", Map.of());
    step("delete_cluster_permanently", Map.of("cluster_id", clusterId));
    // compute: instance pools, cluster policies and their families
    CallToolResult pool =
        step("create_instance_pool", Map.of("name", "conv pool", "node_type_id", "m5d.large"));
    String poolId = String.valueOf(data(pool).get("instance_pool_id"));
    step("list_instance_pools", Map.of());
    step("list_instance_pools", Map.of("detail", true));
    step("get_instance_pool", Map.of("instance_pool_id", poolId));
    step("edit_instance_pool", Map.of("instance_pool_id", poolId, "max_capacity", 4));
    step("delete_instance_pool", Map.of("instance_pool_id", poolId));
    step("list_policy_families", Map.of());
    step("list_policy_families", Map.of("detail", true));
    step("get_policy_family", Map.of("policy_family_id", "personal-vm"));
    CallToolResult policy =
        step(
            "create_cluster_policy",
            Map.of(
                "name",
                "conv policy",
                "definition",
                Map.of("autotermination_minutes", Map.of("type", "range", "maxValue", 120))));
    String policyId = String.valueOf(data(policy).get("policy_id"));
    step("list_cluster_policies", Map.of());
    step("list_cluster_policies", Map.of("detail", true));
    step("get_cluster_policy", Map.of("policy_id", policyId));
    step("delete_cluster_policy", Map.of("policy_id", policyId));
    // files: the workspace tree, notebooks out and in
    step("list_workspace", Map.of());
    step("list_workspace", Map.of("path", "/Shared", "recursive", true, "detail", true));
    step("get_workspace_status", Map.of("path", "/Shared/Sample SQL notebook"));
    step("export_notebook", Map.of("path", "/Shared/Sample SQL notebook"));
    step("export_notebook", Map.of("path", "/Shared/Sample Python notebook", "format", "JUPYTER"));
    step("create_workspace_directory", Map.of("path", "/Shared/conv"));
    step(
        "import_notebook",
        Map.of("path", "/Shared/conv/nb", "content", "SELECT 1", "language", "SQL"));
    step("delete_workspace_object", Map.of("path", "/Shared/conv", "recursive", true));
    step("list_query_history", Map.of("max_results", 10));
    CallToolResult queries = step("list_queries", Map.of());
    List<?> saved = (List<?>) data(queries).get("items");
    if (saved != null && !saved.isEmpty()) {
      step("get_query", Map.of("id", String.valueOf(((Map<?, ?>) saved.get(0)).get("id"))));
    }
    // admin (issue 21): secret scopes, secrets (never a value), ACLs; users, groups, principals
    step("create_secret_scope", Map.of("scope", "conv-scope"));
    step("list_secret_scopes", Map.of());
    step("put_secret", Map.of("scope", "conv-scope", "key", "k", "value", "conv-value"));
    step("list_secrets", Map.of("scope", "conv-scope"));
    step(
        "put_secret_acl",
        Map.of("scope", "conv-scope", "principal", "analysts", "permission", "READ"));
    step("list_secret_acls", Map.of("scope", "conv-scope"));
    step("delete_secret_acl", Map.of("scope", "conv-scope", "principal", "analysts"));
    step("delete_secret", Map.of("scope", "conv-scope", "key", "k"));
    step("delete_secret_scope", Map.of("scope", "conv-scope"));
    step("get_current_user", Map.of());
    step("list_users", Map.of());
    step("list_users", Map.of("detail", true));
    step("get_user", Map.of("user", "analyst@sandbox.local"));
    step("list_groups", Map.of());
    step("list_groups", Map.of("detail", true));
    step("get_group", Map.of("group", "analysts"));
    step("list_service_principals", Map.of());
    // admin (issue 21): AI/BI dashboards, read, published, unpublished and trashed
    String taxi = dev.databricksmcp.sandbox.dashboards.SampleDashboards.TAXI_ID;
    step("list_dashboards", Map.of());
    step("get_dashboard", Map.of("dashboard_id", taxi));
    step("publish_dashboard", Map.of("dashboard_id", taxi));
    step("unpublish_dashboard", Map.of("dashboard_id", taxi));
    step("trash_dashboard", Map.of("dashboard_id", taxi));
    // admin: Databricks Apps (the sample apps: one running, one stopped)
    step("list_apps", Map.of());
    step("list_apps", Map.of("detail", true));
    step("get_app", Map.of("name", "sales-dashboard"));
    step("start_app", Map.of("name", "churn-explorer", "wait_seconds", 0));
    step("stop_app", Map.of("name", "churn-explorer", "wait_seconds", 0));
    // jobs: definitions and runs (condition tasks run without compute)
    List<Map<String, Object>> jobTasks =
        List.of(
            Map.of(
                "task_key",
                "check",
                "condition_task",
                Map.of("left", "{{job.parameters.go}}", "op", "EQUAL_TO", "right", "yes")),
            Map.of(
                "task_key",
                "again",
                "depends_on",
                List.of("check"),
                "condition_task",
                Map.of("left", "1", "op", "EQUAL_TO", "right", "1")));
    CallToolResult job =
        step(
            "create_job",
            Map.of("name", "conv job", "tasks", jobTasks, "parameters", Map.of("go", "yes")));
    String jobId = String.valueOf(data(job).get("job_id"));
    step("list_jobs", Map.of());
    step("get_job", Map.of("job_id", "conv job"));
    step("update_job", Map.of("job_id", jobId, "max_concurrent_runs", 2));
    step("run_job_now", Map.of("job_id", jobId, "wait_seconds", 30));
    step("submit_run", Map.of("tasks", jobTasks.subList(0, 1), "wait_seconds", 30));
    step("reset_job", Map.of("job_id", jobId, "name", "conv job", "tasks", jobTasks));
    // admin: object ACLs on the job (issue 21)
    Map<String, Object> onJob = Map.of("object_type", "job", "object_id", jobId);
    step("get_permissions", onJob);
    step("get_permission_levels", onJob);
    Map<String, Object> viewer = Map.of("group_name", "analysts", "permission_level", "CAN_VIEW");
    Map<String, Object> owner =
        Map.of("user_name", "admin@sandbox.local", "permission_level", "IS_OWNER");
    step(
        "update_permissions",
        Map.of("object_type", "job", "object_id", jobId, "grants", List.of(viewer)));
    step(
        "set_permissions",
        Map.of("object_type", "job", "object_id", jobId, "grants", List.of(owner)));
    step("delete_job", Map.of("job_id", jobId));

    // ml (issue #19): MLflow experiments and runs of the sample experiment
    String churn = "/Shared/sandbox/churn-model";
    step("list_experiments", Map.of());
    step("list_experiments", Map.of("name_contains", "churn", "detail", true));
    step("get_experiment", Map.of("experiment", churn));
    CallToolResult ranked =
        step(
            "search_runs",
            Map.of(
                "experiments",
                List.of(churn),
                "order_by",
                List.of("metrics.auc DESC"),
                "params",
                List.of("alpha"),
                "max_results",
                3));
    List<String> runIds = items(ranked).stream().map(r -> String.valueOf(r.get("run_id"))).toList();
    step("get_mlflow_run", Map.of("run_id", runIds.get(0), "detail", true));
    step("get_metric_history", Map.of("run_id", runIds.get(0), "metric_key", "auc"));
    step("list_run_artifacts", Map.of("run_id", runIds.get(0), "path", "model"));
    step("compare_runs", Map.of("run_ids", runIds, "higher_is_better", List.of("auc")));
    step("create_experiment", Map.of("name", "/Shared/conv-experiment"));
    step("delete_experiment", Map.of("experiment", "/Shared/conv-experiment"));

    // files (issue #18): DBFS, and files in the volume conv.s.v
    step("write_dbfs_file", Map.of("path", "/conv/a.txt", "content", "hello"));
    step("list_dbfs", Map.of("path", "/conv"));
    step("get_dbfs_status", Map.of("path", "/conv/a.txt"));
    step("read_dbfs_file", Map.of("path", "/conv/a.txt", "length", 2));
    step("create_dbfs_directory", Map.of("path", "/conv/d"));
    step("move_dbfs_path", Map.of("source_path", "/conv/a.txt", "destination_path", "/conv/d/a"));
    step("delete_dbfs_path", Map.of("path", "/conv", "recursive", true));
    String volumeFile = "/Volumes/conv/s/v/dir/f.csv";
    step("upload_volume_file", Map.of("path", volumeFile, "content", "a,b\n1,2\n"));
    step("create_volume_directory", Map.of("path", "/Volumes/conv/s/v/empty"));
    step("list_volume_directory", Map.of("path", "/Volumes/conv/s/v"));
    step("get_volume_file_metadata", Map.of("path", volumeFile));
    step("download_volume_file", Map.of("path", volumeFile, "length", 4));
    step("delete_volume_file", Map.of("path", volumeFile));
    // files (issue #18): Git folders
    String repo = "/Repos/" + Identities.ADMIN.userName() + "/conv";
    step("create_repo", Map.of("url", "https://github.com/org/conv.git", "path", repo));
    step("list_repos", Map.of());
    step("get_repo", Map.of("repo", repo));
    step("update_repo", Map.of("repo", repo, "tag", "v1"));
    step("delete_repo", Map.of("repo", repo));

    // jobs (issue #17): runs of a job made through the SDK, a failure explained, repaired
    jobRunSteps();

    // ai (issue #20): vector search over the seeded index and one of its own
    vectorSearchSteps();

    // jobs (issue #17): a SQL pipeline publishing to conv.s, run, watched, changed and deleted
    step("create_workspace_directory", Map.of("path", "/Shared/convp"));
    step(
        "import_notebook",
        Map.of(
            "path",
            "/Shared/convp/flows",
            "content",
            "CREATE OR REFRESH MATERIALIZED VIEW p AS SELECT 1 AS x",
            "language",
            "SQL"));
    CallToolResult pipeline =
        step(
            "create_pipeline",
            Map.of(
                "name",
                "conv pipeline",
                "catalog",
                "conv",
                "schema",
                "s",
                "source_paths",
                List.of("/Shared/convp/flows")));
    String pipelineId = String.valueOf(data(pipeline).get("pipeline_id"));
    step("list_pipelines", Map.of());
    step("get_pipeline", Map.of("pipeline_id", pipelineId));
    CallToolResult update =
        step("start_pipeline_update", Map.of("pipeline_id", pipelineId, "wait_seconds", 30));
    String updateId = String.valueOf(data(update).get("update_id"));
    step("list_pipeline_updates", Map.of("pipeline_id", pipelineId));
    step("get_pipeline_update", Map.of("pipeline_id", pipelineId, "update_id", updateId));
    step("list_pipeline_events", Map.of("pipeline_id", pipelineId));
    step("list_pipeline_events", Map.of("pipeline_id", pipelineId, "errors_only", true));
    step("update_pipeline", Map.of("pipeline_id", pipelineId, "development", false));
    step("stop_pipeline", Map.of("pipeline_id", pipelineId, "wait_seconds", 0));
    step("delete_pipeline", Map.of("pipeline_id", pipelineId));
    step("delete_workspace_object", Map.of("path", "/Shared/convp", "recursive", true));
    // ml (issue #19): Unity Catalog models, a model with versions made in conv.s
    modelSteps();

    // ml (issue #19): a serving endpoint for a model version, built, queried, updated, deleted
    String endpoint = "conv-serving";
    step("list_serving_endpoints", Map.of());
    step("list_serving_endpoints", Map.of("detail", true));
    step(
        "create_serving_endpoint",
        Map.of(
            "name",
            endpoint,
            "entity",
            "main.default.churn_model",
            "version",
            "1",
            "wait_seconds",
            60));
    step("get_serving_endpoint", Map.of("name", endpoint));
    step(
        "query_serving_endpoint",
        Map.of("name", endpoint, "dataframe_records", List.of(Map.of("tenure", 3))));
    step(
        "query_serving_endpoint",
        Map.of("name", "databricks-gte-large-en", "input", List.of("a", "b")));
    step(
        "query_serving_endpoint",
        Map.of(
            "name",
            "databricks-meta-llama-3-3-70b-instruct",
            "messages",
            List.of(Map.of("role", "user", "content", "hi"))));
    step("get_serving_endpoint_logs", Map.of("name", endpoint));
    step("get_serving_endpoint_build_logs", Map.of("name", endpoint));
    step("get_serving_endpoint_openapi", Map.of("name", endpoint));
    step(
        "update_serving_endpoint_config",
        Map.of("name", endpoint, "version", "2", "wait_seconds", 60));
    step("delete_serving_endpoint", Map.of("name", endpoint));

    step("delete_table", Map.of("full_name", "conv.s.t"));
    step("delete_volume", Map.of("full_name", "conv.s.v"));
    step("delete_schema", Map.of("full_name", "conv.s", "force", true));
    step("delete_catalog", Map.of("name", "conv", "force", true));

    assertThat(called).as("every tool of the inventory is walked").containsAll(inventory());
    assertThat(broken).as("answers against docs/OUTPUT.md").isEmpty();
  }

  /** The model tools on a model of two versions (added as MLflow's registry would add them). */
  private static void modelSteps() {
    String model = "conv.s.m";
    fx.adminClient()
        .registeredModels()
        .create(
            new com.databricks.sdk.service.catalog.CreateRegisteredModelRequest()
                .setCatalogName("conv")
                .setSchemaName("s")
                .setName("m"));
    dev.databricksmcp.sandbox.uc.RegisteredModels models =
        fx.sandbox.state(dev.databricksmcp.sandbox.uc.RegisteredModels.class);
    for (long v = 1; v <= 2; v++) {
      models.addVersion(model, "dbfs:/conv/m/" + v, "run" + v, "v" + v, "conv", v);
    }
    step("list_registered_models", Map.of());
    step(
        "list_registered_models",
        Map.of("catalog_name", "conv", "schema_name", "s", "detail", true));
    step("set_model_alias", Map.of("full_name", model, "alias", "champion", "version", 1));
    step("set_model_alias", Map.of("full_name", model, "alias", "champion", "version", 2));
    step("get_registered_model", Map.of("full_name", model));
    step("update_registered_model", Map.of("full_name", model, "comment", "walked"));
    step("list_model_versions", Map.of("full_name", model));
    step("list_model_versions", Map.of("full_name", model, "detail", true));
    step("get_model_version", Map.of("full_name", model, "version", "@champion"));
    step("get_model_version", Map.of("full_name", model, "version", "@nobody"));
    step("delete_model_alias", Map.of("full_name", model, "alias", "champion"));
    step("delete_model_version", Map.of("full_name", model, "version", 1));
    step("delete_registered_model", Map.of("full_name", model));
  }

  /** The run tools on a two-task job whose second task fails, then a slow one canceled. */
  private static void vectorSearchSteps() {
    String seeded = dev.databricksmcp.sandbox.vectorsearch.VectorSearchSeed.INDEX;
    step("create_vector_search_endpoint", Map.of("name", "conv-ep", "wait_seconds", 30));
    step("list_vector_search_endpoints", Map.of("detail", true));
    step("get_vector_search_endpoint", Map.of("endpoint_name", "conv-ep"));
    step(
        "list_vector_search_indexes",
        Map.of("endpoint_name", dev.databricksmcp.sandbox.vectorsearch.VectorSearchSeed.ENDPOINT));
    step("get_vector_search_index", Map.of("index_name", seeded));
    step(
        "query_vector_search_index",
        Map.of("index_name", seeded, "query_text", "croissant", "filters", Map.of("new_id <", 9)));
    step("sync_vector_search_index", Map.of("index_name", seeded));
    String direct = "main.default.conv_points";
    step(
        "create_vector_search_index",
        Map.of(
            "index_name",
            direct,
            "endpoint_name",
            "conv-ep",
            "primary_key",
            "id",
            "direct_access",
            true,
            "schema",
            Map.of("id", "integer", "v", "array<float>"),
            "vector_column",
            "v",
            "embedding_dimension",
            2,
            "wait_seconds",
            30));
    step(
        "upsert_vector_search_data",
        Map.of("index_name", direct, "rows", List.of(Map.of("id", 1, "v", List.of(1, 0)))));
    step("delete_vector_search_data", Map.of("index_name", direct, "primary_keys", List.of("1")));
    step("delete_vector_search_index", Map.of("index_name", direct));
    step("delete_vector_search_endpoint", Map.of("endpoint_name", "conv-ep"));
  }

  private static void jobRunSteps() {
    com.databricks.sdk.WorkspaceClient w = fx.adminClient();
    long job =
        w.jobs()
            .create(
                new com.databricks.sdk.service.jobs.CreateJob()
                    .setName("conv job")
                    .setTasks(
                        List.of(
                            sqlTask(w, "first", "SELECT 1 AS one", null),
                            sqlTask(w, "second", "SELECT * FROM conv.s.never_there", "first"))))
            .getJobId();
    long runId =
        w.jobs()
            .runNow(new com.databricks.sdk.service.jobs.RunNow().setJobId(job))
            .getResponse()
            .getRunId();
    step("get_job_run", Map.of("run_id", runId, "wait_seconds", 60));
    step("list_job_runs", Map.of("job_id", job));
    step("get_run_output", Map.of("run_id", runId));
    step("get_run_output", Map.of("run_id", runId, "task_key", "first"));
    step("get_run_output", Map.of("run_id", runId, "task_key", "second"));
    step("export_run", Map.of("run_id", runId, "task_key", "first"));
    step("repair_run", Map.of("run_id", runId, "wait_seconds", 60));
    step("cancel_run", Map.of("run_id", runId, "wait_seconds", 0));
    step("cancel_all_runs", Map.of("job_id", job));
    step("delete_run", Map.of("run_id", runId));

    // the ai toolset (off by default; "all" here): the seeded Genie space
    String space = dev.databricksmcp.sandbox.genie.SeededSpaces.SAMPLES_SPACE_ID;
    step("list_genie_spaces", Map.of());
    step("get_genie_space", Map.of("space_id", space));
    Map<String, Object> genie =
        data(
            step(
                "ask_genie",
                Map.of("space_id", space, "question", "How many orders per order status?")));
    Map<String, Object> genieMessage =
        Map.of(
            "space_id", space,
            "conversation_id", genie.get("conversation_id"),
            "message_id", genie.get("message_id"));
    step("get_genie_message", genieMessage);
    step("get_genie_query_result", genieMessage);
  }

  private static com.databricks.sdk.service.jobs.Task sqlTask(
      com.databricks.sdk.WorkspaceClient w, String key, String sql, String after) {
    String query =
        w.queries()
            .create(
                new com.databricks.sdk.service.sql.CreateQueryRequest()
                    .setQuery(
                        new com.databricks.sdk.service.sql.CreateQueryRequestQuery()
                            .setDisplayName("conv " + key)
                            .setWarehouseId(firstWarehouse())
                            .setQueryText(sql)))
            .getId();
    return new com.databricks.sdk.service.jobs.Task()
        .setTaskKey(key)
        .setDependsOn(
            after == null
                ? null
                : List.of(new com.databricks.sdk.service.jobs.TaskDependency().setTaskKey(after)))
        .setSqlTask(
            new com.databricks.sdk.service.jobs.SqlTask()
                .setWarehouseId(firstWarehouse())
                .setQuery(new com.databricks.sdk.service.jobs.SqlTaskQuery().setQueryId(query)));
  }

  /** The walk checks itself: it finds each kind of break in a made-up answer. */
  @Test
  void theWalkFindsEachKindOfBreak() {
    List<String> found = new ArrayList<>();
    walk("t", Map.of("tableInfo", 1), "$", found);
    walk("t", Map.of("created_at", 1_764_567_264_682L), "$", found);
    walk("t", Map.of("updated", "2026-12-01 05:34:24.682"), "$", found);
    walk("t", Map.of("columns", List.of(Map.of("type_json", "{}"))), "$", found);
    assertThat(found).hasSize(4);
    found.clear();
    walk(
        "t",
        Map.of(
            "items", List.of(Map.of("full_name", "a.b.c", "updated_at", "2026-12-01T05:34:24Z"))),
        "$",
        found);
    assertThat(found).isEmpty();
  }

  private static CallToolResult step(String tool, Map<String, Object> args) {
    CallToolResult r = fx.call(tool, args);
    called.add(tool);
    check(tool, args, r);
    return r;
  }

  /** A tool another change may add: walked when the inventory has it. */
  private static void optionalStep(String tool, Map<String, Object> args) {
    if (inventory().contains(tool)) {
      step(tool, args);
    }
  }

  private static void check(String tool, Map<String, Object> args, CallToolResult r) {
    String call = tool + " " + args.keySet();
    Map<String, Object> body = body(r);
    if (Boolean.TRUE.equals(r.isError())) {
      // an error is fine here (the step's own tests judge it), but it follows the conventions too
      walk(call, body, "$", broken);
      return;
    }
    walk(call, body.get("data"), "$.data", broken);
    Object data = body.get("data");
    if (tool.startsWith("list_")
        && !(data instanceof Map<?, ?> m && m.get("items") instanceof List)) {
      broken.add(call + ": a list without data.items");
    }
    if (String.valueOf(body.get("message")).contains("[REDACTED]")) {
      broken.add(call + ": its own message is redacted: " + body.get("message"));
    }
    int text = textBytes(r);
    int budget = SqlSettings.defaults().maxBytes() + TEXT_OVERHEAD;
    if (text > budget) {
      broken.add(call + ": text block of " + text + " bytes, over the budget of " + budget);
    }
  }

  private static void walk(
      String call, Object node, String path, java.util.Collection<String> out) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        String at = path + "." + key;
        if (CAMEL_CASE.matcher(key).matches()) {
          out.add(call + ": camelCase key at " + at);
        }
        if (RAW_SDK_FIELDS.contains(key)) {
          out.add(call + ": raw SDK field at " + at);
        }
        if (TIME_KEY.matcher(key).matches() && e.getValue() instanceof Number) {
          out.add(call + ": epoch time at " + at);
        }
        walk(call, e.getValue(), at, out);
      }
    } else if (node instanceof List<?> list) {
      if (path.endsWith(".rows")) {
        return; // result rows are the workspace's data, in its columns' own shapes
      }
      for (int i = 0; i < list.size(); i++) {
        walk(call, list.get(i), path + "[]", out);
      }
    } else if (node instanceof String s && NON_ISO_TIME.matcher(s).matches()) {
      out.add(call + ": non-ISO time '" + s + "' at " + path);
    }
  }

  private static int textBytes(CallToolResult r) {
    int bytes = 0;
    for (McpSchema.Content c : r.content()) {
      if (c instanceof McpSchema.TextContent t) {
        bytes += t.text().getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return bytes;
  }

  private static Set<String> inventory() {
    ToolSelection all = new ToolSelection(List.of("all"), Set.of(), Set.of(), false);
    Set<String> names = new LinkedHashSet<>();
    for (ToolDef t :
        Toolsets.discovered()
            .inventory(new ServerSettings(all, true, false, "none"), fx.services)
            .select(all)) {
      names.add(t.name());
    }
    return names;
  }

  private static Object firstNonNull(Map<String, Object> data, String... keys) {
    for (String k : keys) {
      if (data.get(k) != null) {
        return data.get(k);
      }
    }
    throw new AssertionError("none of " + List.of(keys) + " in " + data);
  }

  private static String firstWarehouse() {
    Map<String, Object> listed = data(fx.call("list_warehouses", Map.of()));
    List<?> items = (List<?>) listed.getOrDefault("items", listed.get("warehouses"));
    Map<?, ?> first = (Map<?, ?>) items.get(0);
    return String.valueOf(first.get("id"));
  }

  /** Tools create no functions; one is made through the REST API, as a user's SQL would. */
  private static void createFunction(String fullName) throws Exception {
    String[] p = fullName.split("\\.");
    String json =
        "{\"function_info\": {\"name\": \""
            + p[2]
            + "\", \"catalog_name\": \""
            + p[0]
            + "\", \"schema_name\": \""
            + p[1]
            + "\", \"input_params\": {\"parameters\": [{\"name\": \"x\", \"type_name\": \"INT\","
            + " \"type_text\": \"int\", \"position\": 0}]}, \"data_type\": \"INT\","
            + " \"full_data_type\": \"int\", \"routine_body\": \"SQL\", \"routine_definition\":"
            + " \"x + 1\", \"parameter_style\": \"S\", \"is_deterministic\": true,"
            + " \"is_null_call\": false, \"sql_data_access\": \"CONTAINS_SQL\", \"security_type\":"
            + " \"DEFINER\", \"specific_name\": \""
            + p[2]
            + "\"}}";
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(fx.sandbox.host() + "/api/2.1/unity-catalog/functions"))
                    .header("Authorization", "Bearer " + Identities.ADMIN_TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }
}
