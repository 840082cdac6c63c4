package dev.databricksmcp.server.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Groups of tools a user switches on together; names mirror the Databricks SDK's service packages.
 */
public enum Toolset {
  WORKSPACE("workspace", "Workspace identity and connection (always on)", true),
  CATALOG(
      "catalog",
      "Unity Catalog: catalogs, schemas, tables, volumes, functions, grants, lineage",
      true),
  SQL("sql", "SQL warehouses, statement execution, query history", true),
  COMPUTE("compute", "Clusters, pools, policies, libraries, command execution", false),
  JOBS("jobs", "Jobs, runs and pipelines", false),
  FILES("files", "Workspace files, notebooks, DBFS, volumes, repos", false),
  ML("ml", "Model serving, registered models, MLflow", false),
  AI("ai", "Vector search and Genie", false),
  ADMIN("admin", "Secrets, permissions, identity, dashboards, apps", false);

  private final String id;
  private final String description;
  private final boolean enabledByDefault;

  Toolset(String id, String description, boolean enabledByDefault) {
    this.id = id;
    this.description = description;
    this.enabledByDefault = enabledByDefault;
  }

  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  public boolean enabledByDefault() {
    return enabledByDefault;
  }

  public static Optional<Toolset> byId(String id) {
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.id.equals(wanted)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(Toolset::id).toList();
  }
}
