package dev.databricksmcp.server.connection;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.Redactor;
import dev.databricksmcp.server.core.ToolException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Databricks Apps on-behalf-of-user: each call uses a workspace client built from the signed-in
 * user's forwarded access token, so Unity Catalog permissions are the user's own. Clients are kept
 * per token (by digest, never the token itself as a key) in a small LRU map. Without a user token
 * the app's own service principal is used only when configured to.
 */
public final class OnBehalfOfUserProvider implements WorkspaceProvider {
  private static final int MAX_CLIENTS = 256;

  private final Supplier<String> host;
  private final WorkspaceProvider servicePrincipalFallback;
  private final boolean sandbox;
  private final Map<String, WorkspaceClient> clients =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, WorkspaceClient> eldest) {
          return size() > MAX_CLIENTS;
        }
      };

  /**
   * @param host the workspace URL (DATABRICKS_HOST in a Databricks App)
   * @param servicePrincipalFallback used for calls without a user token; null refuses them
   */
  public OnBehalfOfUserProvider(Supplier<String> host, WorkspaceProvider servicePrincipalFallback, boolean sandbox) {
    this.host = host;
    this.servicePrincipalFallback = servicePrincipalFallback;
    this.sandbox = sandbox;
  }

  @Override
  public WorkspaceClient client(CallerIdentity caller) {
    String token = caller.userAccessToken();
    if (token == null || token.isBlank()) {
      if (servicePrincipalFallback == null) {
        throw new ToolException(
            ErrorCode.AUTHENTICATION_ERROR,
            "No signed-in user token was forwarded (x-forwarded-access-token), and falling back to the app's "
                + "service principal is not enabled.");
      }
      return servicePrincipalFallback.client(caller);
    }
    Redactor.registerCallerSecret(token);
    String key = digest(token);
    synchronized (clients) {
      return clients.computeIfAbsent(
          key,
          k ->
              new WorkspaceClient(
                  new DatabricksConfig().setHost(host.get()).setToken(token).setAuthType("pat")));
    }
  }

  @Override
  public boolean sandbox() {
    return sandbox;
  }

  private static String digest(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
