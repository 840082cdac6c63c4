package dev.databricksmcp.server.tools.jobs;

import com.databricks.sdk.service.pipelines.GetPipelineResponse;
import com.databricks.sdk.service.pipelines.PipelineEvent;
import com.databricks.sdk.service.pipelines.PipelineLibrary;
import com.databricks.sdk.service.pipelines.PipelineSpec;
import com.databricks.sdk.service.pipelines.PipelineStateInfo;
import com.databricks.sdk.service.pipelines.SerializedException;
import com.databricks.sdk.service.pipelines.UpdateInfo;
import com.databricks.sdk.service.pipelines.UpdateStateInfo;
import dev.databricksmcp.server.core.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pipelines, updates and events as the tools show them: the same field names in a list row and a
 * get, times in ISO-8601, a pipeline's spec in words (where it publishes, what it runs, on what).
 */
final class PipelineRows {
  private PipelineRows() {}

  /** A row of list_pipelines. */
  static Map<String, Object> row(PipelineStateInfo p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("pipeline_id", p.getPipelineId());
    out.put("name", p.getName());
    out.put("state", str(p.getState()));
    out.put("health", str(p.getHealth()));
    out.put("creator", p.getCreatorUserName());
    out.put("latest_update", latest(p.getLatestUpdates()));
    return out;
  }

  /** get_pipeline: the row's fields, then the spec in words and the latest updates. */
  static Map<String, Object> detail(GetPipelineResponse p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("pipeline_id", p.getPipelineId());
    out.put("name", p.getName());
    out.put("state", str(p.getState()));
    out.put("health", str(p.getHealth()));
    out.put("creator", p.getCreatorUserName());
    out.put("latest_update", latest(p.getLatestUpdates()));
    out.put("run_as", p.getRunAsUserName());
    PipelineSpec s = p.getSpec() == null ? new PipelineSpec() : p.getSpec();
    String schema = s.getSchema() != null ? s.getSchema() : s.getTarget();
    out.put("publishes_to", s.getCatalog() == null ? schema : s.getCatalog() + "." + schema);
    out.put("sources", sources(s.getLibraries()));
    out.put(
        "compute",
        Boolean.TRUE.equals(s.getServerless())
            ? "serverless"
            : s.getClusters() == null || s.getClusters().isEmpty()
                ? "classic (default cluster)"
                : "classic (" + s.getClusters().size() + " cluster settings)");
    out.put("continuous", Boolean.TRUE.equals(s.getContinuous()));
    out.put("development", Boolean.TRUE.equals(s.getDevelopment()));
    out.put("channel", s.getChannel());
    out.put("configuration", s.getConfiguration());
    out.put("latest_updates", updates(p.getLatestUpdates()));
    out.put("last_modified_at", Times.iso(p.getLastModified()));
    return out;
  }

  /** An update: its id, state, what it refreshes, why and when it started. */
  static Map<String, Object> update(UpdateInfo u) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("update_id", u.getUpdateId());
    out.put("pipeline_id", u.getPipelineId());
    out.put("state", str(u.getState()));
    out.put("cause", str(u.getCause()));
    out.put("full_refresh", Boolean.TRUE.equals(u.getFullRefresh()));
    out.put("refresh_selection", u.getRefreshSelection());
    out.put("full_refresh_selection", u.getFullRefreshSelection());
    out.put("validate_only", Boolean.TRUE.equals(u.getValidateOnly()));
    out.put("created_at", Times.iso(u.getCreationTime()));
    return out;
  }

  /** An event: when, level, type, the flow or dataset it is about, message, first error. */
  static Map<String, Object> event(PipelineEvent e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("occurred_at", e.getTimestamp() == null ? null : Times.iso(instant(e.getTimestamp())));
    out.put("level", str(e.getLevel()));
    out.put("type", e.getEventType());
    if (e.getOrigin() != null) {
      out.put("flow", e.getOrigin().getFlowName());
      out.put("dataset", e.getOrigin().getDatasetName());
      out.put("update_id", e.getOrigin().getUpdateId());
    }
    out.put("message", e.getMessage());
    String error = error(e);
    if (error != null) {
      out.put("error", error);
    }
    return out;
  }

  /** The first exception message of an event's error; null without one. */
  static String error(PipelineEvent e) {
    if (e.getError() == null || e.getError().getExceptions() == null) {
      return null;
    }
    for (SerializedException x : e.getError().getExceptions()) {
      if (x.getMessage() != null && !x.getMessage().isBlank()) {
        return x.getMessage();
      }
    }
    return null;
  }

  private static List<Map<String, Object>> sources(Collection<PipelineLibrary> libraries) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (libraries != null) {
      for (PipelineLibrary l : libraries) {
        Map<String, Object> src = new LinkedHashMap<>();
        if (l.getNotebook() != null) {
          src.put("type", "notebook");
          src.put("path", l.getNotebook().getPath());
        } else if (l.getFile() != null) {
          src.put("type", "file");
          src.put("path", l.getFile().getPath());
        } else if (l.getGlob() != null) {
          src.put("type", "glob");
          src.put("path", l.getGlob().getInclude());
        } else {
          src.put("type", l.getJar() != null ? "jar" : l.getWhl() != null ? "whl" : "maven");
        }
        out.add(src);
      }
    }
    return out;
  }

  private static Map<String, Object> latest(Collection<UpdateStateInfo> updates) {
    List<Map<String, Object>> all = updates(updates);
    return all.isEmpty() ? null : all.get(0);
  }

  private static List<Map<String, Object>> updates(Collection<UpdateStateInfo> updates) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (updates != null) {
      for (UpdateStateInfo u : updates) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("update_id", u.getUpdateId());
        row.put("state", str(u.getState()));
        row.put(
            "created_at",
            u.getCreationTime() == null ? null : Times.iso(instant(u.getCreationTime())));
        out.add(row);
      }
    }
    return out;
  }

  /** Epoch milliseconds of an ISO-8601 time the API sends as text; null when it is not one. */
  static Long instant(String iso) {
    try {
      return Instant.parse(iso).toEpochMilli();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String str(Object value) {
    return value == null ? null : value.toString();
  }
}
