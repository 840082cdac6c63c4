package dev.databricksmcp.server.tools.ml;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.serving.EndpointStateConfigUpdate;
import com.databricks.sdk.service.serving.ServedEntityOutput;
import com.databricks.sdk.service.serving.ServedModelStateDeployment;
import com.databricks.sdk.service.serving.ServingEndpointDetailed;
import dev.databricksmcp.server.core.ErrorMapper;
import dev.databricksmcp.server.core.TextCaps;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.WorkHandle;
import dev.databricksmcp.server.core.wait.Waited;
import dev.databricksmcp.server.core.wait.Waiter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * After a create or a config update: waits (through the one {@link Waiter}) until the endpoint's
 * config update is no longer IN_PROGRESS, and answers with what it reached. A failed build answers
 * with the last lines of each failed served model's build logs, where the reason is.
 */
final class ServingEndpointWait {
  /** Build log lines shown with a failed update. */
  static final int BUILD_LOG_LINES = 20;

  private ServingEndpointWait() {}

  static WorkHandle handle(String name) {
    return new WorkHandle("name", name, "get_serving_endpoint");
  }

  static ToolResult await(
      String name, ServingEndpointDetailed started, Duration wait, String asked, ToolContext ctx)
      throws InterruptedException {
    ServingEndpointDetailed current = started;
    if (building(current) && !wait.isZero()) {
      WorkspaceClient w = ctx.workspace();
      Waited<ServingEndpointDetailed> waited =
          Waiter.polling(() -> w.servingEndpoints().get(name))
              .startingFrom(started)
              .until(e -> !building(e))
              .describedAs(e -> "endpoint " + name + ": " + ServingRows.stateWords(e.getState()))
              .waitFor(ctx, wait)
              .throwIfInterrupted();
      if (waited.outcome() == Waited.Outcome.POLL_FAILED) {
        ErrorMapper.MappedError why = ErrorMapper.map(waited.failure());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", name);
        data.put("state", "UNKNOWN");
        data.put("status_error", Map.of("error_code", why.code().name(), "message", why.message()));
        return ToolResult.of(
            data,
            asked
                + " serving endpoint "
                + name
                + ", but reading its state failed ("
                + why.code()
                + "). Check with get_serving_endpoint before trying again.");
      }
      current = waited.last();
    }
    Map<String, Object> data = ServingRows.detail(current);
    String state = ServingRows.stateWords(current.getState());
    if (current.getState() != null
        && current.getState().getConfigUpdate() == EndpointStateConfigUpdate.UPDATE_FAILED) {
      Map<String, String> logs = failedBuildLogs(name, current, ctx);
      data.put("build_logs", logs);
      return ToolResult.of(
          data,
          asked
              + " serving endpoint "
              + name
              + ": the build failed ("
              + state
              + "). build_logs has the last lines of each failed served model's build;"
              + " get_serving_endpoint_build_logs shows more.");
    }
    if (building(current)) {
      return ToolResult.of(
          data,
          asked
              + " serving endpoint "
              + name
              + "; it is still building ("
              + state
              + "). Call get_serving_endpoint with name="
              + name
              + " in a few seconds to check again.");
    }
    return ToolResult.of(data, asked + " serving endpoint " + name + ": it is " + state + ".");
  }

  private static boolean building(ServingEndpointDetailed e) {
    return e.getState() != null
        && e.getState().getConfigUpdate() == EndpointStateConfigUpdate.IN_PROGRESS;
  }

  /** The last build log lines of each served model whose deployment failed. */
  private static Map<String, String> failedBuildLogs(
      String name, ServingEndpointDetailed e, ToolContext ctx) {
    Map<String, String> out = new LinkedHashMap<>();
    List<ServedEntityOutput> pending =
        e.getPendingConfig() == null || e.getPendingConfig().getServedEntities() == null
            ? List.of()
            : List.copyOf(e.getPendingConfig().getServedEntities());
    for (ServedEntityOutput s : pending) {
      if (s.getState() == null
          || s.getState().getDeployment() != ServedModelStateDeployment.DEPLOYMENT_FAILED) {
        continue;
      }
      try {
        String logs = ctx.workspace().servingEndpoints().buildLogs(name, s.getName()).getLogs();
        out.put(s.getName(), TextCaps.lastLines(logs == null ? "" : logs, BUILD_LOG_LINES));
      } catch (RuntimeException failure) {
        out.put(
            s.getName(), "(build logs unavailable: " + ErrorMapper.map(failure).message() + ")");
      }
    }
    return out;
  }
}
