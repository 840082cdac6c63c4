package dev.databricksmcp.sandbox.pipelines;

import com.databricks.sdk.service.pipelines.GetPipelineResponse;
import com.databricks.sdk.service.pipelines.PipelineEvent;
import com.databricks.sdk.service.pipelines.PipelineState;
import com.databricks.sdk.service.pipelines.UpdateInfo;
import com.databricks.sdk.service.pipelines.UpdateInfoState;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.state.PersistentState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every pipeline of the workspace with its updates, events and published tables. Kept across a
 * restart with {@code --sandbox-dir}; an update still active when the sandbox stopped comes back
 * FAILED, since nothing ran it meanwhile.
 */
public final class Pipelines implements PersistentState {
  static final Set<UpdateInfoState> ENDED =
      Set.of(UpdateInfoState.COMPLETED, UpdateInfoState.FAILED, UpdateInfoState.CANCELED);

  private final Map<String, PipelineRecord> pipelines = new LinkedHashMap<>();

  synchronized void add(PipelineRecord p) {
    pipelines.put(p.id(), p);
  }

  /** The pipeline; an unknown id is 404 RESOURCE_DOES_NOT_EXIST. */
  synchronized PipelineRecord get(String id) {
    PipelineRecord p = id == null ? null : pipelines.get(id);
    if (p == null) {
      throw new ApiException(
          ErrorCode.RESOURCE_DOES_NOT_EXIST, "The specified pipeline " + id + " was not found.");
    }
    return p;
  }

  synchronized void remove(String id) {
    pipelines.remove(id);
  }

  synchronized List<PipelineRecord> all() {
    return new ArrayList<>(pipelines.values());
  }

  /** A copy of the pipeline as GET shows it, with its latest updates newest first. */
  synchronized GetPipelineResponse view(PipelineRecord p) {
    GetPipelineResponse out = Json.MAPPER.convertValue(p.pipeline, GetPipelineResponse.class);
    out.setLatestUpdates(PipelineViews.latest(p.updates));
    return out;
  }

  /** Appends an event to the pipeline's log, numbered after the ones before it. */
  synchronized void event(PipelineRecord p, PipelineEvent e) {
    e.setSequence(
        new com.databricks.sdk.service.pipelines.Sequencing()
            .setControlPlaneSeqNo((long) p.events.size() + 1));
    p.events.add(e);
  }

  @Override
  public String persistenceName() {
    return "pipelines";
  }

  @Override
  public synchronized JsonNode save() {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (PipelineRecord p : pipelines.values()) {
      ObjectNode n = out.addObject();
      n.set("pipeline", Json.MAPPER.valueToTree(p.pipeline));
      n.set("updates", Json.MAPPER.valueToTree(p.updates));
      n.set("events", Json.MAPPER.valueToTree(p.events));
      n.set("tables", Json.MAPPER.valueToTree(p.tables));
    }
    return out;
  }

  @Override
  public synchronized void restore(JsonNode saved) {
    pipelines.clear();
    for (JsonNode n : saved) {
      PipelineRecord p =
          new PipelineRecord(
              Json.MAPPER.convertValue(n.get("pipeline"), GetPipelineResponse.class));
      for (JsonNode u : n.path("updates")) {
        UpdateInfo update = Json.MAPPER.convertValue(u, UpdateInfo.class);
        if (!ENDED.contains(update.getState())) {
          update.setState(UpdateInfoState.FAILED); // the sandbox stopped while it ran
        }
        p.updates.add(update);
      }
      for (JsonNode e : n.path("events")) {
        p.events.add(Json.MAPPER.convertValue(e, PipelineEvent.class));
      }
      n.path("tables").forEach(t -> p.tables.add(t.asText()));
      if (p.pipeline.getState() != PipelineState.IDLE) {
        p.pipeline.setState(PipelineState.IDLE);
      }
      pipelines.put(p.id(), p);
    }
  }
}
