package dev.databricksmcp.sandbox.auth;

import dev.databricksmcp.sandbox.state.SandboxState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The principals of the sandbox workspace and their bearer tokens. Tokens are fixed and documented:
 * the sandbox only listens on loopback and holds no real data.
 */
public final class Identities implements SandboxState {
  public static final String ADMIN_TOKEN = "dapi-sandbox-admin-token";
  public static final String USER_TOKEN = "dapi-sandbox-analyst-token";
  public static final String SERVICE_PRINCIPAL_TOKEN = "dapi-sandbox-sp-token";

  public static final Principal ADMIN =
      new Principal(
          "1000000000000001",
          "admin@sandbox.local",
          "Sandbox Admin",
          Principal.Kind.USER,
          true,
          ADMIN_TOKEN);
  public static final Principal ANALYST =
      new Principal(
          "1000000000000002",
          "analyst@sandbox.local",
          "Sandbox Analyst",
          Principal.Kind.USER,
          false,
          USER_TOKEN);
  public static final Principal SERVICE_PRINCIPAL =
      new Principal(
          "1000000000000003",
          "7e1c2f4a-5b6d-4e8f-9a0b-1c2d3e4f5a6b",
          "sandbox-automation",
          Principal.Kind.SERVICE_PRINCIPAL,
          false,
          SERVICE_PRINCIPAL_TOKEN);

  /** The OAuth client secret of the service principal (client id = its application id). */
  public static final String SERVICE_PRINCIPAL_SECRET = "dose-sandbox-sp-secret";

  /** The workspace id the sandbox reports (x-databricks-org-id, host metadata). */
  public static final String WORKSPACE_ID = "1234567890123456";

  private final Map<String, Principal> byToken = new ConcurrentHashMap<>();
  private final Map<String, Long> expiries = new ConcurrentHashMap<>();

  public Identities() {
    for (Principal p : all()) {
      byToken.put(p.token(), p);
    }
  }

  public List<Principal> all() {
    return List.of(ADMIN, ANALYST, SERVICE_PRINCIPAL);
  }

  public Map<String, Principal> byUserName() {
    return all().stream().collect(Collectors.toMap(Principal::userName, Function.identity()));
  }

  /** Registers an OAuth access token for a principal, valid until {@code expiresAtMillis}. */
  public void addToken(String token, Principal principal, long expiresAtMillis) {
    byToken.put(token, principal);
    expiries.put(token, expiresAtMillis);
  }

  /** Signs a token out at once (a command's short-lived token, once the command is done). */
  public void removeToken(String token) {
    byToken.remove(token);
    expiries.remove(token);
  }

  public Optional<Principal> byToken(String token) {
    Long expires = expiries.get(token);
    if (expires != null && System.currentTimeMillis() > expires) {
      byToken.remove(token);
      expiries.remove(token);
      return Optional.empty();
    }
    return Optional.ofNullable(byToken.get(token));
  }

  /** The principal an OAuth client id (application id) belongs to. */
  public Optional<Principal> byClientId(String clientId) {
    return all().stream()
        .filter(p -> p.isServicePrincipal() && p.userName().equals(clientId))
        .findFirst();
  }

  /**
   * The groups every workspace has (SCIM lists admins and users; "account users" is the account
   * group of everyone), which grants may name as principals.
   */
  public static final java.util.Set<String> BUILT_IN_GROUPS =
      java.util.Set.of("admins", "users", "account users");

  /**
   * Whether Unity Catalog can resolve this grant principal: a user's e-mail, a service principal's
   * application id, or a built-in group (names compared without case, as e-mails are).
   */
  public boolean isGrantPrincipal(String name) {
    String wanted = name.trim();
    return BUILT_IN_GROUPS.contains(wanted.toLowerCase(java.util.Locale.ROOT))
        || all().stream().anyMatch(p -> p.userName().equalsIgnoreCase(wanted));
  }

  public Optional<Principal> byId(String id) {
    return all().stream().filter(p -> p.id().equals(id)).findFirst();
  }
}
