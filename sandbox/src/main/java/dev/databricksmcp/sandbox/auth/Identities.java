package dev.databricksmcp.sandbox.auth;

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
public final class Identities {
  public static final String ADMIN_TOKEN = "dapi-sandbox-admin-token";
  public static final String USER_TOKEN = "dapi-sandbox-analyst-token";
  public static final String SERVICE_PRINCIPAL_TOKEN = "dapi-sandbox-sp-token";

  public static final Principal ADMIN =
      new Principal("1000000000000001", "admin@sandbox.local", "Sandbox Admin", Principal.Kind.USER, true, ADMIN_TOKEN);
  public static final Principal ANALYST =
      new Principal("1000000000000002", "analyst@sandbox.local", "Sandbox Analyst", Principal.Kind.USER, false, USER_TOKEN);
  public static final Principal SERVICE_PRINCIPAL =
      new Principal(
          "1000000000000003",
          "7e1c2f4a-5b6d-4e8f-9a0b-1c2d3e4f5a6b",
          "sandbox-automation",
          Principal.Kind.SERVICE_PRINCIPAL,
          false,
          SERVICE_PRINCIPAL_TOKEN);

  private final Map<String, Principal> byToken = new ConcurrentHashMap<>();

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

  /** Registers an extra bearer token (e.g. an OAuth access token) for a principal. */
  public void addToken(String token, Principal principal) {
    byToken.put(token, principal);
  }

  public Optional<Principal> byToken(String token) {
    return Optional.ofNullable(byToken.get(token));
  }
}
