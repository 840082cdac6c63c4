package dev.databricksmcp.sandbox.pipelines;

import com.databricks.sdk.service.pipelines.GetPipelineResponseHealth;
import com.databricks.sdk.service.pipelines.PipelineStateInfo;
import com.databricks.sdk.service.pipelines.PipelineStateInfoHealth;
import com.databricks.sdk.service.pipelines.UpdateInfo;
import com.databricks.sdk.service.pipelines.UpdateStateInfo;
import com.databricks.sdk.service.pipelines.UpdateStateInfoState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The shapes other answers show a pipeline in: latest updates, and the row of a list. */
final class PipelineViews {
  /** How many of its latest updates a pipeline shows (the reference names no number). */
  static final int LATEST = 5;

  private PipelineViews() {}

  /** The latest updates, newest first, as {@code latest_updates} shows them. */
  static List<UpdateStateInfo> latest(List<UpdateInfo> updates) {
    List<UpdateStateInfo> out = new ArrayList<>();
    for (int i = updates.size() - 1; i >= 0 && out.size() < LATEST; i--) {
      UpdateInfo u = updates.get(i);
      out.add(
          new UpdateStateInfo()
              .setUpdateId(u.getUpdateId())
              .setState(UpdateStateInfoState.valueOf(u.getState().name()))
              .setCreationTime(Instant.ofEpochMilli(u.getCreationTime()).toString()));
    }
    return out.isEmpty() ? null : out;
  }

  /** The pipeline as {@code GET /pipelines} lists it. */
  static PipelineStateInfo status(com.databricks.sdk.service.pipelines.GetPipelineResponse p) {
    return new PipelineStateInfo()
        .setPipelineId(p.getPipelineId())
        .setName(p.getName())
        .setState(p.getState())
        .setCreatorUserName(p.getCreatorUserName())
        .setRunAsUserName(p.getRunAsUserName())
        .setHealth(
            p.getHealth() == null
                ? null
                : p.getHealth() == GetPipelineResponseHealth.HEALTHY
                    ? PipelineStateInfoHealth.HEALTHY
                    : PipelineStateInfoHealth.UNHEALTHY)
        .setLatestUpdates(p.getLatestUpdates());
  }
}
