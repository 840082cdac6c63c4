package dev.databricksmcp.server.connection;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.databricksmcp.server.core.Redactor;

/**
 * One workspace client for the whole server, built lazily so start-up (and {@code tools/list})
 * never waits on Databricks authentication.
 */
public final class SharedWorkspaceProvider implements WorkspaceProvider {
  private final ConnectionSettings settings;
  private volatile WorkspaceClient client;

  public SharedWorkspaceProvider(ConnectionSettings settings) {
    this.settings = settings;
    if (settings.sandboxToken() != null) {
      Redactor.registerSecret(settings.sandboxToken());
    }
  }

  @Override
  public WorkspaceClient client(CallerIdentity caller) {
    WorkspaceClient c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          c = new WorkspaceClient(config());
          registerSecrets(c.config());
          client = c;
        }
      }
    }
    return c;
  }

  @Override
  public boolean sandbox() {
    return settings.sandbox();
  }

  /** The host this provider connects to, without creating a client. */
  public String host() {
    return settings.sandbox() ? settings.sandboxHost() : client().config().getHost();
  }

  private DatabricksConfig config() {
    DatabricksConfig config = new DatabricksConfig();
    if (settings.sandbox()) {
      config.setHost(settings.sandboxHost()).setToken(settings.sandboxToken()).setAuthType("pat");
    } else if (settings.profile() != null) {
      config.setProfile(settings.profile());
    }
    return SdkHttp.install(config);
  }

  private static void registerSecrets(DatabricksConfig config) {
    Redactor.registerSecret(config.getToken());
    Redactor.registerSecret(config.getClientSecret());
    Redactor.registerSecret(config.getPassword());
  }
}
