package dev.databricksmcp.server.connection;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.User;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.Redactor;
import dev.databricksmcp.server.core.ToolException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Databricks Apps on-behalf-of-user: each call uses a workspace client built from the signed-in
 * user's forwarded access token, so Unity Catalog permissions are the user's own. Clients are kept
 * per token (by digest, never the token itself as a key) in a cache bounded in size and idle time.
 * The same clients answer who a token belongs to ({@link #identities()}). Without a user token the
 * app's own service principal is used only when configured to.
 */
public final class OnBehalfOfUserProvider implements WorkspaceProvider {
  public static final int MAX_CLIENTS = 256;
  public static final Duration CLIENT_IDLE_TTL = Duration.ofMinutes(30);

  private final Supplier<String> host;
  private final WorkspaceProvider servicePrincipalFallback;
  private final boolean sandbox;
  private final DatabricksCallObserver observer;
  private final Cache<String, WorkspaceClient> clients =
      Caffeine.newBuilder()
          .maximumSize(MAX_CLIENTS)
          .expireAfterAccess(CLIENT_IDLE_TTL)
          .executor(Runnable::run)
          .build();
  private final ForwardedUserIdentities identities = new ForwardedUserIdentities(this::me);

  /**
   * @param host the workspace URL (DATABRICKS_HOST in a Databricks App)
   * @param servicePrincipalFallback used for calls without a user token; null refuses them
   */
  public OnBehalfOfUserProvider(
      Supplier<String> host, WorkspaceProvider servicePrincipalFallback, boolean sandbox) {
    this(host, servicePrincipalFallback, sandbox, DatabricksCallObserver.NONE);
  }

  /** As above, every Databricks request told to {@code observer} (metrics, traces). */
  public OnBehalfOfUserProvider(
      Supplier<String> host,
      WorkspaceProvider servicePrincipalFallback,
      boolean sandbox,
      DatabricksCallObserver observer) {
    this.host = host;
    this.servicePrincipalFallback = servicePrincipalFallback;
    this.sandbox = sandbox;
    this.observer = observer;
  }

  @Override
  public WorkspaceClient client(CallerIdentity caller) {
    String token = caller.userAccessToken();
    if (token == null || token.isBlank()) {
      if (servicePrincipalFallback == null) {
        throw new ToolException(
            ErrorCode.AUTHENTICATION_ERROR,
            "No signed-in user token was forwarded (x-forwarded-access-token), and falling back to"
                + " the app's service principal is not enabled.");
      }
      return servicePrincipalFallback.client(caller);
    }
    Redactor.registerCallerSecret(token);
    return clients.get(ForwardedUserIdentities.digest(token), k -> newClient(token));
  }

  /** Who each forwarded token belongs to, asked of Databricks with that token. */
  public ForwardedUserIdentities identities() {
    return identities;
  }

  @Override
  public boolean sandbox() {
    return sandbox;
  }

  /** SCIM Me with the token; its client is kept only once Databricks has accepted the token. */
  private User me(String token) {
    String key = ForwardedUserIdentities.digest(token);
    WorkspaceClient client = clients.getIfPresent(key);
    if (client == null) {
      client = newClient(token);
    }
    User me = client.currentUser().me(new MeRequest());
    clients.put(key, client);
    return me;
  }

  private WorkspaceClient newClient(String token) {
    return new WorkspaceClient(
        SdkHttp.install(
            new DatabricksConfig().setHost(host.get()).setToken(token).setAuthType("pat"),
            observer));
  }
}
