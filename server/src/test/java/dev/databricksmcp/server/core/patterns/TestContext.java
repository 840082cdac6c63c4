package dev.databricksmcp.server.core.patterns;

import com.databricks.sdk.WorkspaceClient;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.WorkHandle;
import java.util.ArrayList;
import java.util.List;

/** A context without a workspace that records what a pattern tracks. */
final class TestContext implements ToolContext {
  final List<WorkHandle> tracked = new ArrayList<>();

  @Override
  public WorkspaceClient workspace() {
    throw new UnsupportedOperationException("no workspace in pattern tests");
  }

  @Override
  public String correlationId() {
    return "test";
  }

  @Override
  public boolean readOnly() {
    return false;
  }

  @Override
  public void progress(double progress, Double total, String message) {}

  @Override
  public void track(WorkHandle handle) {
    tracked.add(handle);
  }

  @Override
  public String workspaceHost() {
    return "https://test.example";
  }
}
