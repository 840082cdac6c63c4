package dev.databricksmcp.server.connection;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.databricksmcp.server.core.Redactor;
import java.util.function.Supplier;

/**
 * One workspace client for the whole server, built lazily so start-up (and {@code tools/list})
 * never waits on Databricks authentication, nor on a sandbox still starting.
 */
public final class SharedWorkspaceProvider implements WorkspaceProvider {
  private final Supplier<ConnectionSettings> pending;
  private final boolean sandbox;
  private final DatabricksCallObserver observer;
  private volatile ConnectionSettings settings;
  private volatile WorkspaceClient client;

  public SharedWorkspaceProvider(ConnectionSettings settings) {
    this(() -> settings, settings.sandbox());
    settings();
  }

  /**
   * Settings known only later (a sandbox starting in the background): asked for, once, by the first
   * call that needs the workspace; {@code sandbox} says now what they will say.
   */
  public SharedWorkspaceProvider(Supplier<ConnectionSettings> settings, boolean sandbox) {
    this(settings, sandbox, DatabricksCallObserver.NONE);
  }

  /** As above, every Databricks request told to {@code observer} (metrics, traces). */
  public SharedWorkspaceProvider(
      Supplier<ConnectionSettings> settings, boolean sandbox, DatabricksCallObserver observer) {
    this.pending = settings;
    this.sandbox = sandbox;
    this.observer = observer;
  }

  private ConnectionSettings settings() {
    ConnectionSettings s = settings;
    if (s == null) {
      synchronized (this) {
        s = settings;
        if (s == null) {
          s = pending.get();
          if (s.sandboxToken() != null) {
            Redactor.registerSecret(s.sandboxToken());
          }
          settings = s;
        }
      }
    }
    return s;
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
    return sandbox;
  }

  /** The host this provider connects to, without creating a client. */
  public String host() {
    return sandbox ? settings().sandboxHost() : client().config().getHost();
  }

  private DatabricksConfig config() {
    ConnectionSettings settings = settings();
    DatabricksConfig config = new DatabricksConfig();
    if (settings.sandbox()) {
      config.setHost(settings.sandboxHost()).setToken(settings.sandboxToken()).setAuthType("pat");
    } else if (settings.profile() != null) {
      config.setProfile(settings.profile());
    }
    return SdkHttp.install(config, observer);
  }

  private static void registerSecrets(DatabricksConfig config) {
    Redactor.registerSecret(config.getToken());
    Redactor.registerSecret(config.getClientSecret());
    Redactor.registerSecret(config.getPassword());
  }
}
