package dev.databricksmcp.server.mcp;

/** Keys of the per-request MCP transport context that the HTTP layer fills in. */
public final class TransportKeys {
  /** Who is calling (token name or signed-in user); absent over stdio. */
  public static final String PRINCIPAL = "databricks-mcp.principal";

  /**
   * The signed-in user's Databricks access token, when acting on their behalf (Databricks Apps).
   */
  public static final String USER_ACCESS_TOKEN = "databricks-mcp.user-access-token";

  private TransportKeys() {}
}
