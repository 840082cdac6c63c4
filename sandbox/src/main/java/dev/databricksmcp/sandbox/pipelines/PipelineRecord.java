package dev.databricksmcp.sandbox.pipelines;

import com.databricks.sdk.service.pipelines.GetPipelineResponse;
import com.databricks.sdk.service.pipelines.PipelineEvent;
import com.databricks.sdk.service.pipelines.UpdateInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One pipeline as the sandbox keeps it: what {@code GET /pipelines/{id}} shows, its updates (oldest
 * first), its event log (oldest first) and the tables it published. Guarded by the {@link
 * Pipelines} that holds it.
 */
final class PipelineRecord {
  GetPipelineResponse pipeline;
  final List<UpdateInfo> updates = new ArrayList<>();
  final List<PipelineEvent> events = new ArrayList<>();
  final Set<String> tables = new LinkedHashSet<>();

  /** The update running now, open to a stop; null when none is. */
  transient UpdateRun active;

  PipelineRecord(GetPipelineResponse pipeline) {
    this.pipeline = pipeline;
  }

  String id() {
    return pipeline.getPipelineId();
  }

  UpdateInfo update(String updateId) {
    for (UpdateInfo u : updates) {
      if (u.getUpdateId().equals(updateId)) {
        return u;
      }
    }
    return null;
  }
}
