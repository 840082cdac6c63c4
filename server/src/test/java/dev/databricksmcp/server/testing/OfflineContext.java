package dev.databricksmcp.server.testing;

import com.databricks.sdk.WorkspaceClient;
import dev.databricksmcp.server.core.CorrelationIds;
import dev.databricksmcp.server.core.ToolContext;

/**
 * A tool context for tests of code that must never reach a workspace: asking for the workspace, or
 * for its host when none is given, fails the test.
 *
 * @param principal who is calling
 * @param host the workspace URL to report, or null when looking it up is itself a test failure
 * @param readOnly whether the server runs read-only
 * @param correlationId this call's id (a new one per context)
 */
public record OfflineContext(String principal, String host, boolean readOnly, String correlationId)
    implements ToolContext {
  /** "local", at https://example.cloud.databricks.com, not read-only. */
  public OfflineContext() {
    this("local", "https://example.cloud.databricks.com", false, CorrelationIds.next());
  }

  public static OfflineContext as(String principal) {
    return new OfflineContext(
        principal, "https://example.cloud.databricks.com", false, CorrelationIds.next());
  }

  public static OfflineContext at(String host) {
    return new OfflineContext("local", host, false, CorrelationIds.next());
  }

  public OfflineContext readOnlyMode() {
    return new OfflineContext(principal, host, true, correlationId);
  }

  @Override
  public WorkspaceClient workspace() {
    throw new AssertionError("this test never reaches a workspace");
  }

  @Override
  public String workspaceHost() {
    if (host == null) {
      throw new AssertionError("the workspace host was looked up where nothing needed it");
    }
    return host;
  }

  @Override
  public void progress(double progress, Double total, String message) {}
}
