package dev.databricksmcp.sandbox.pipelines;

import com.databricks.sdk.service.pipelines.ErrorDetail;
import com.databricks.sdk.service.pipelines.EventLevel;
import com.databricks.sdk.service.pipelines.MaturityLevel;
import com.databricks.sdk.service.pipelines.Origin;
import com.databricks.sdk.service.pipelines.PipelineEvent;
import com.databricks.sdk.service.pipelines.SerializedException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The events of a pipeline's event log as the Pipelines API returns them: id, origin (pipeline,
 * update, flow and dataset), ISO-8601 timestamp, level, event_type, message and, for an error, the
 * exception's message. The event types are Databricks' own: create_update, update_progress,
 * dataset_definition, flow_progress.
 */
final class PipelineEvents {
  private PipelineEvents() {}

  static PipelineEvent of(
      PipelineRecord p,
      String updateId,
      String dataset,
      long at,
      EventLevel level,
      String type,
      String message) {
    return new PipelineEvent()
        .setId(UUID.randomUUID().toString())
        .setOrigin(
            new Origin()
                .setPipelineId(p.id())
                .setPipelineName(p.pipeline.getName())
                .setUpdateId(updateId)
                .setFlowName(dataset)
                .setDatasetName(dataset))
        .setTimestamp(Instant.ofEpochMilli(at).toString())
        .setLevel(level)
        .setMaturityLevel(MaturityLevel.STABLE)
        .setEventType(type)
        .setMessage(message);
  }

  /** An ERROR event carrying the error as Databricks serializes an exception. */
  static PipelineEvent error(
      PipelineRecord p,
      String updateId,
      String dataset,
      long at,
      String type,
      String message,
      String cause) {
    return of(p, updateId, dataset, at, EventLevel.ERROR, type, message)
        .setError(
            new ErrorDetail()
                .setFatal(dataset == null)
                .setExceptions(List.of(new SerializedException().setMessage(cause))));
  }
}
