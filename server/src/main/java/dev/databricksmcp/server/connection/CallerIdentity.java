package dev.databricksmcp.server.connection;

/**
 * Who a tool call is made for.
 *
 * @param principal name used for rate limits and the audit log ("local" over stdio)
 * @param userAccessToken the signed-in user's Databricks token when acting on their behalf, else
 *     null
 */
public record CallerIdentity(String principal, String userAccessToken) {
  public static final CallerIdentity LOCAL = new CallerIdentity("local", null);

  @Override
  public String toString() {
    // never print the token
    return "CallerIdentity[" + principal + "]";
  }
}
