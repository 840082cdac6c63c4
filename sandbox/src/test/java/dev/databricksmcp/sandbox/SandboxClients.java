package dev.databricksmcp.sandbox;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;

/** Real Databricks SDK clients pointed at a sandbox. */
final class SandboxClients {
  private SandboxClients() {}

  static WorkspaceClient pat(Sandbox sandbox, String token) {
    return new WorkspaceClient(
        new DatabricksConfig().setHost(sandbox.host()).setToken(token).setAuthType("pat"));
  }
}
