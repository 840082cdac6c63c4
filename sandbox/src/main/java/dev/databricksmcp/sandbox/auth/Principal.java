package dev.databricksmcp.sandbox.auth;

/**
 * Someone the sandbox knows: a user or a service principal, with the token that signs them in.
 *
 * @param id SCIM id (numeric string, as Databricks uses)
 * @param userName e-mail for users, application id for service principals
 * @param admin workspace and metastore admin: bypasses Unity Catalog grants
 */
public record Principal(
    String id, String userName, String displayName, Kind kind, boolean admin, String token) {

  public enum Kind {
    USER,
    SERVICE_PRINCIPAL
  }

  public boolean isServicePrincipal() {
    return kind == Kind.SERVICE_PRINCIPAL;
  }
}
