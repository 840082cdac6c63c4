package dev.databricksmcp.server.connection;

import com.databricks.sdk.WorkspaceClient;

/**
 * Gives a tool call its workspace client. The default shares one client created on first use; an
 * HTTP deployment acting on behalf of signed-in users supplies a client per principal.
 */
public interface WorkspaceProvider {
  /** The client to use for this caller. */
  WorkspaceClient client(CallerIdentity caller);

  /** The client for the local (stdio / single-user) caller. */
  default WorkspaceClient client() {
    return client(CallerIdentity.LOCAL);
  }

  /** True when the client talks to the local sandbox rather than a real workspace. */
  boolean sandbox();
}
