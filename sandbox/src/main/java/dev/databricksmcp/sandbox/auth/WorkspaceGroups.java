package dev.databricksmcp.sandbox.auth;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The groups of the sandbox workspace, fixed like its principals: the two every workspace has
 * ({@code admins}, {@code users}: every user and service principal) and two sample teams for
 * listing members and naming groups in ACLs.
 */
public final class WorkspaceGroups {
  /** One workspace group: SCIM id, display name and the ids of its members. */
  public record Group(String id, String displayName, List<Principal> members) {
    public boolean has(Principal p) {
      return members.stream().anyMatch(m -> m.id().equals(p.id()));
    }
  }

  public static final Group ADMINS =
      new Group("2000000000000001", "admins", List.of(Identities.ADMIN));
  public static final Group USERS =
      new Group(
          "2000000000000002",
          "users",
          List.of(Identities.ADMIN, Identities.ANALYST, Identities.SERVICE_PRINCIPAL));
  public static final Group DATA_ENGINEERS =
      new Group(
          "2000000000000003",
          "data-engineers",
          List.of(Identities.ADMIN, Identities.SERVICE_PRINCIPAL));
  public static final Group ANALYSTS =
      new Group("2000000000000004", "analysts", List.of(Identities.ANALYST));

  private WorkspaceGroups() {}

  public static List<Group> all() {
    return List.of(ADMINS, USERS, DATA_ENGINEERS, ANALYSTS);
  }

  /** The groups a principal belongs to, in {@link #all()} order. */
  public static List<Group> of(Principal p) {
    return all().stream().filter(g -> g.has(p)).toList();
  }

  public static Optional<Group> byId(String id) {
    return all().stream().filter(g -> g.id().equals(id)).findFirst();
  }

  /** A group by its display name, compared without case as Databricks compares group names. */
  public static Optional<Group> byName(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    return all().stream().filter(g -> g.displayName().equals(wanted)).findFirst();
  }
}
