package dev.databricksmcp.server.tools.ml;

import com.databricks.sdk.service.serving.EndpointPendingConfig;
import com.databricks.sdk.service.serving.EndpointState;
import com.databricks.sdk.service.serving.EndpointTag;
import com.databricks.sdk.service.serving.Route;
import com.databricks.sdk.service.serving.ServedEntityOutput;
import com.databricks.sdk.service.serving.ServedEntitySpec;
import com.databricks.sdk.service.serving.ServingEndpoint;
import com.databricks.sdk.service.serving.ServingEndpointDetailed;
import com.databricks.sdk.service.serving.TrafficConfig;
import dev.databricksmcp.server.core.Times;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A serving endpoint as every serving tool answers it (docs/OUTPUT.md): {@code name}, {@code state}
 * (READY or NOT_READY: whether it answers queries), {@code config_update} (NOT_UPDATING,
 * IN_PROGRESS, UPDATE_FAILED, UPDATE_CANCELED), {@code task}, the served models in words ({@code
 * "main.default.churn_model v2 (Small, scale to zero)"}) and {@code creator}; the get adds the
 * served models one by one, the traffic routes and the pending config.
 */
final class ServingRows {
  private ServingRows() {}

  static Map<String, Object> row(ServingEndpoint e) {
    List<String> served = new ArrayList<>();
    if (e.getConfig() != null && e.getConfig().getServedEntities() != null) {
      for (ServedEntitySpec s : e.getConfig().getServedEntities()) {
        served.add(words(s.getEntityName(), s.getEntityVersion(), null, null));
      }
    }
    return common(
        e.getName(),
        e.getState(),
        e.getTask(),
        served,
        e.getCreator(),
        e.getLastUpdatedTimestamp());
  }

  static Map<String, Object> detailRow(ServingEndpoint e) {
    Map<String, Object> out = row(e);
    out.put("created_at", Times.iso(e.getCreationTimestamp()));
    out.put("description", e.getDescription());
    out.put("tags", tags(e.getTags()));
    return out;
  }

  static Map<String, Object> detail(ServingEndpointDetailed e) {
    List<ServedEntityOutput> current =
        e.getConfig() == null || e.getConfig().getServedEntities() == null
            ? List.of()
            : List.copyOf(e.getConfig().getServedEntities());
    Map<String, Object> out =
        common(
            e.getName(),
            e.getState(),
            e.getTask(),
            servedWords(e),
            e.getCreator(),
            e.getLastUpdatedTimestamp());
    out.put("created_at", Times.iso(e.getCreationTimestamp()));
    out.put("description", e.getDescription());
    out.put("tags", tags(e.getTags()));
    out.put("config_version", e.getConfig() == null ? null : e.getConfig().getConfigVersion());
    out.put("served_models", current.stream().map(ServingRows::servedModel).toList());
    out.put("traffic", routes(e.getConfig() == null ? null : e.getConfig().getTrafficConfig()));
    EndpointPendingConfig pending = e.getPendingConfig();
    if (pending != null) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("config_version", pending.getConfigVersion());
      p.put("started_at", Times.iso(pending.getStartTime()));
      List<ServedEntityOutput> entities =
          pending.getServedEntities() == null
              ? List.of()
              : List.copyOf(pending.getServedEntities());
      p.put("served_models", entities.stream().map(ServingRows::servedModel).toList());
      p.put("traffic", routes(pending.getTrafficConfig()));
      out.put("pending_config", p);
    }
    return out;
  }

  private static Map<String, Object> common(
      String name,
      EndpointState state,
      String task,
      List<String> served,
      String creator,
      Long updated) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("state", state == null || state.getReady() == null ? null : state.getReady().name());
    out.put(
        "config_update",
        state == null || state.getConfigUpdate() == null ? null : state.getConfigUpdate().name());
    out.put("task", task);
    out.put("served_entities", served);
    out.put("creator", creator);
    out.put("updated_at", Times.iso(updated));
    return out;
  }

  /** What the endpoint serves now, in words. */
  static List<String> servedWords(ServingEndpointDetailed e) {
    return e.getConfig() == null || e.getConfig().getServedEntities() == null
        ? List.of()
        : e.getConfig().getServedEntities().stream().map(ServingRows::words).toList();
  }

  /** One served model, field by field. */
  static Map<String, Object> servedModel(ServedEntityOutput s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", s.getName());
    out.put("entity_name", s.getEntityName());
    out.put("entity_version", s.getEntityVersion());
    out.put("foundation_model", s.getFoundationModel() != null);
    out.put("workload_size", s.getWorkloadSize());
    out.put("scale_to_zero", s.getScaleToZeroEnabled());
    out.put(
        "deployment",
        s.getState() == null || s.getState().getDeployment() == null
            ? null
            : s.getState().getDeployment().name());
    String message = s.getState() == null ? null : s.getState().getDeploymentStateMessage();
    out.put("deployment_message", message == null || message.isEmpty() ? null : message);
    return out;
  }

  /** "main.default.churn_model v2 (Small, scale to zero)", or a foundation model's name. */
  static String words(ServedEntityOutput s) {
    return words(
        s.getEntityName(), s.getEntityVersion(), s.getWorkloadSize(), s.getScaleToZeroEnabled());
  }

  private static String words(String entity, String version, String size, Boolean scaleToZero) {
    StringBuilder w = new StringBuilder(entity == null ? "?" : entity);
    if (version != null) {
      w.append(" v").append(version);
    }
    if (size != null) {
      w.append(" (")
          .append(size)
          .append(Boolean.TRUE.equals(scaleToZero) ? ", scale to zero)" : ")");
    }
    return w.toString();
  }

  static String stateWords(EndpointState state) {
    if (state == null) {
      return "in an unknown state";
    }
    String ready = state.getReady() == null ? "UNKNOWN" : state.getReady().name();
    String update = state.getConfigUpdate() == null ? null : state.getConfigUpdate().name();
    if (update == null || "NOT_UPDATING".equals(update)) {
      return ready;
    }
    return ready
        + (switch (update) {
          case "IN_PROGRESS" -> ", a configuration update in progress";
          case "UPDATE_FAILED" -> ", its last configuration update failed";
          case "UPDATE_CANCELED" -> ", its last configuration update was canceled";
          default -> ", config update " + update;
        });
  }

  private static List<Map<String, Object>> routes(TrafficConfig traffic) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (traffic != null && traffic.getRoutes() != null) {
      for (Route r : traffic.getRoutes()) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put(
            "served_model",
            r.getServedEntityName() != null ? r.getServedEntityName() : r.getServedModelName());
        one.put("traffic_percentage", r.getTrafficPercentage());
        out.add(one);
      }
    }
    return out;
  }

  private static Map<String, String> tags(Collection<EndpointTag> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    if (tags != null) {
      tags.forEach(t -> out.put(t.getKey(), t.getValue()));
    }
    return out;
  }
}
