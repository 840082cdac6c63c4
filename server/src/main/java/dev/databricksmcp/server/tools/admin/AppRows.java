package dev.databricksmcp.server.tools.admin;

import com.databricks.sdk.service.apps.App;
import com.databricks.sdk.service.apps.AppDeployment;
import com.databricks.sdk.service.apps.AppResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Databricks Apps as rows: a compact one for lists (name, the two states, URL) and the detail
 * get_app shows, with the states' messages, the deployments and the resources said in words. Times
 * are the API's own ISO-8601 strings.
 */
final class AppRows {
  private AppRows() {}

  static Map<String, Object> row(App a) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", a.getName());
    row.put("compute_state", computeState(a));
    row.put("app_state", appState(a));
    row.put("url", a.getUrl());
    return row;
  }

  /** The list row with who made the app, its description and what it runs. */
  static Map<String, Object> listDetail(App a) {
    Map<String, Object> row = row(a);
    row.put("description", a.getDescription());
    row.put("creator", a.getCreator());
    row.put(
        "source_code_path",
        a.getActiveDeployment() == null ? null : a.getActiveDeployment().getSourceCodePath());
    row.put("updated_at", a.getUpdateTime());
    return row;
  }

  static Map<String, Object> detail(App a) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", a.getName());
    row.put("description", a.getDescription());
    row.put("url", a.getUrl());
    row.put("compute_state", computeState(a));
    row.put(
        "compute_message", a.getComputeStatus() == null ? null : a.getComputeStatus().getMessage());
    row.put("app_state", appState(a));
    row.put("app_message", a.getAppStatus() == null ? null : a.getAppStatus().getMessage());
    row.put("compute_size", a.getComputeSize() == null ? null : a.getComputeSize().name());
    row.put("active_deployment", deployment(a.getActiveDeployment()));
    row.put("pending_deployment", deployment(a.getPendingDeployment()));
    row.put("default_source_code_path", a.getDefaultSourceCodePath());
    row.put("resources", resources(a.getResources()));
    Map<String, Object> sp = new LinkedHashMap<>();
    sp.put("name", a.getServicePrincipalName());
    sp.put("id", a.getServicePrincipalId());
    sp.put("client_id", a.getServicePrincipalClientId());
    row.put("service_principal", sp);
    row.put("creator", a.getCreator());
    row.put("created_at", a.getCreateTime());
    row.put("updater", a.getUpdater());
    row.put("updated_at", a.getUpdateTime());
    return row;
  }

  /** A deployment: id, source, mode, state with its message, who and when; null when none. */
  static Map<String, Object> deployment(AppDeployment d) {
    if (d == null) {
      return null;
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("deployment_id", d.getDeploymentId());
    row.put("source_code_path", d.getSourceCodePath());
    row.put("mode", d.getMode() == null ? null : d.getMode().name());
    row.put(
        "state",
        d.getStatus() == null || d.getStatus().getState() == null
            ? null
            : d.getStatus().getState().name());
    row.put("message", d.getStatus() == null ? null : d.getStatus().getMessage());
    row.put("creator", d.getCreator());
    row.put("created_at", d.getCreateTime());
    return row;
  }

  /** Each resource in words: "sql-warehouse: SQL warehouse 5a1d… (CAN_USE)". */
  static List<String> resources(java.util.Collection<AppResource> resources) {
    List<String> out = new ArrayList<>();
    if (resources == null) {
      return out;
    }
    for (AppResource r : resources) {
      out.add(r.getName() + ": " + what(r));
    }
    return out;
  }

  private static String what(AppResource r) {
    if (r.getSqlWarehouse() != null) {
      return "SQL warehouse "
          + r.getSqlWarehouse().getId()
          + permission(r.getSqlWarehouse().getPermission());
    }
    if (r.getServingEndpoint() != null) {
      return "serving endpoint "
          + r.getServingEndpoint().getName()
          + permission(r.getServingEndpoint().getPermission());
    }
    if (r.getJob() != null) {
      return "job " + r.getJob().getId() + permission(r.getJob().getPermission());
    }
    if (r.getSecret() != null) {
      return "secret "
          + r.getSecret().getScope()
          + "/"
          + r.getSecret().getKey()
          + permission(r.getSecret().getPermission());
    }
    if (r.getUcSecurable() != null) {
      return "Unity Catalog "
          + r.getUcSecurable().getSecurableType()
          + " "
          + r.getUcSecurable().getSecurableFullName()
          + permission(r.getUcSecurable().getPermission());
    }
    if (r.getGenieSpace() != null) {
      return "Genie space "
          + r.getGenieSpace().getSpaceId()
          + permission(r.getGenieSpace().getPermission());
    }
    if (r.getExperiment() != null) {
      return "MLflow experiment "
          + r.getExperiment().getExperimentId()
          + permission(r.getExperiment().getPermission());
    }
    return r.getDescription() == null ? "another resource" : r.getDescription();
  }

  private static String permission(Object level) {
    return level == null ? "" : " (" + level + ")";
  }

  static String computeState(App a) {
    return a.getComputeStatus() == null || a.getComputeStatus().getState() == null
        ? null
        : a.getComputeStatus().getState().name();
  }

  static String appState(App a) {
    return a.getAppStatus() == null || a.getAppStatus().getState() == null
        ? null
        : a.getAppStatus().getState().name();
  }
}
