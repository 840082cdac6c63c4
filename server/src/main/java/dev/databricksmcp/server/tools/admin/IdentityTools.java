package dev.databricksmcp.server.tools.admin;

import static dev.databricksmcp.server.tools.admin.AdminParams.FILTER;
import static dev.databricksmcp.server.tools.admin.AdminParams.NAME_CONTAINS;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ListGroupsRequest;
import com.databricks.sdk.service.iam.ListGroupsResponse;
import com.databricks.sdk.service.iam.ListServicePrincipalResponse;
import com.databricks.sdk.service.iam.ListServicePrincipalsRequest;
import com.databricks.sdk.service.iam.ListUsersRequest;
import com.databricks.sdk.service.iam.ListUsersResponse;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.User;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.Counted;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.patterns.Listing;
import dev.databricksmcp.server.core.patterns.Lookup;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Who is who: the current user, users, groups (with their members) and service principals, through
 * workspace SCIM. Lists take a SCIM {@code filter} as Databricks does, or a friendlier {@code
 * name_contains}; pages are SCIM's startIndex/count, handed out as page tokens.
 */
final class IdentityTools {
  private static final Param<String> USER =
      Param.string("user", "User id, or user name (e-mail)").required();
  private static final Param<String> GROUP =
      Param.string("group", "Group id, or group name (any case)").required();

  private IdentityTools() {}

  static List<ToolDef> definitions() {
    return List.of(currentUser(), listUsers(), getUser(), listGroups(), getGroup(), listSps());
  }

  static ToolDef currentUser() {
    return ToolDef.builder(AdminToolset.ID, "get_current_user")
        .title("Get current user")
        .description(
            "Who the server acts as: id, user_name, display_name, the groups they are in and"
                + " whether they are a workspace admin.")
        .input(Schema.of())
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              User me = ctx.workspace().currentUser().me(new MeRequest());
              Map<String, Object> row = IdentityRows.userDetail(me);
              return ToolResult.of(
                  row,
                  "You are "
                      + me.getUserName()
                      + (Boolean.TRUE.equals(row.get("admin"))
                          ? ", a workspace admin."
                          : ", not a workspace admin."));
            })
        .build();
  }

  static ToolDef listUsers() {
    Listing<User> listing =
        Listing.<User>of(
                "users",
                (page, args, ctx) -> {
                  long start = startIndex(page);
                  ListUsersResponse r =
                      ctx.workspace()
                          .users()
                          .impl()
                          .list(
                              new ListUsersRequest()
                                  .setFilter(filter(args))
                                  .setStartIndex(start)
                                  .setCount((long) page.maxResults()));
                  return page(r.getResources(), start, r.getTotalResults());
                })
            .params(FILTER, NAME_CONTAINS)
            .compact(IdentityRows::user, IdentityRows::userDetail);
    return ToolDef.builder(AdminToolset.ID, "list_users")
        .title("List users")
        .description(
            "Workspace users: id, user_name, display_name, active; detail=true adds groups and"
                + " admin. Narrow with name_contains or a SCIM filter.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  static ToolDef getUser() {
    Lookup<User> lookup =
        Lookup.of(
                USER,
                (key, ctx) -> {
                  WorkspaceClient w = ctx.workspace();
                  if (key.chars().allMatch(Character::isDigit)) {
                    return w.users().get(key);
                  }
                  return only(
                      w.users()
                          .impl()
                          .list(new ListUsersRequest().setFilter(eq("userName", key)))
                          .getResources(),
                      "User " + key);
                },
                u -> "User " + u.getUserName() + " (" + u.getDisplayName() + ").")
            .shape(IdentityRows::userDetail);
    return ToolDef.builder(AdminToolset.ID, "get_user")
        .title("Get user")
        .description(
            "One user, by id or user name: the fields of list_users, their groups and whether"
                + " they are a workspace admin.")
        .input(lookup.input())
        .hints(ToolHints.read())
        .handler(lookup)
        .build();
  }

  static ToolDef listGroups() {
    Listing<Group> listing =
        Listing.<Group>of(
                "groups",
                (page, args, ctx) -> {
                  long start = startIndex(page);
                  ListGroupsResponse r =
                      ctx.workspace()
                          .groups()
                          .impl()
                          .list(
                              new ListGroupsRequest()
                                  .setFilter(filter(args))
                                  .setStartIndex(start)
                                  .setCount((long) page.maxResults()));
                  return page(r.getResources(), start, r.getTotalResults());
                })
            .params(FILTER, NAME_CONTAINS)
            .compact(IdentityRows::group, IdentityRows::groupDetail);
    return ToolDef.builder(AdminToolset.ID, "list_groups")
        .title("List groups")
        .description(
            "Workspace groups: id, name, member_count; detail=true lists the members. Narrow"
                + " with name_contains or a SCIM filter; get_group shows one group's members.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  static ToolDef getGroup() {
    Lookup<Group> lookup =
        Lookup.of(
                GROUP,
                (key, ctx) -> {
                  WorkspaceClient w = ctx.workspace();
                  if (key.chars().allMatch(Character::isDigit)) {
                    return w.groups().get(key);
                  }
                  return only(
                      w.groups()
                          .impl()
                          .list(new ListGroupsRequest().setFilter(eq("displayName", key)))
                          .getResources(),
                      "Group " + key);
                },
                g ->
                    "Group "
                        + g.getDisplayName()
                        + " has "
                        + Counted.of(
                            g.getMembers() == null ? 0 : g.getMembers().size(), "member", "members")
                        + ".")
            .shape(IdentityRows::groupDetail);
    return ToolDef.builder(AdminToolset.ID, "get_group")
        .title("Get group")
        .description(
            "One group, by id or name, with its members: id, name and type (USER,"
                + " SERVICE_PRINCIPAL, GROUP).")
        .input(lookup.input())
        .hints(ToolHints.read())
        .handler(lookup)
        .build();
  }

  static ToolDef listSps() {
    Listing<ServicePrincipal> listing =
        Listing.<ServicePrincipal>of(
                "service principals",
                (page, args, ctx) -> {
                  long start = startIndex(page);
                  ListServicePrincipalResponse r =
                      ctx.workspace()
                          .servicePrincipals()
                          .impl()
                          .list(
                              new ListServicePrincipalsRequest()
                                  .setFilter(filter(args))
                                  .setStartIndex(start)
                                  .setCount((long) page.maxResults()));
                  return page(r.getResources(), start, r.getTotalResults());
                })
            .params(FILTER, NAME_CONTAINS)
            .rows(IdentityRows::servicePrincipal);
    return ToolDef.builder(AdminToolset.ID, "list_service_principals")
        .title("List service principals")
        .description(
            "Workspace service principals: id, application_id (what ACLs and grants name),"
                + " display_name, active. Narrow with name_contains or a SCIM filter.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  /** The SCIM filter: the caller's, or {@code displayName co "…"} from name_contains; not both. */
  static String filter(Args args) {
    String filter = FILTER.optional(args).orElse(null);
    String contains = NAME_CONTAINS.optional(args).orElse(null);
    if (filter != null && contains != null) {
      throw ToolException.validation(
          NAME_CONTAINS.name(), "give either filter or name_contains, not both");
    }
    return contains == null ? filter : "displayName co " + quoted(contains);
  }

  private static String eq(String attribute, String value) {
    return attribute + " eq " + quoted(value);
  }

  /** A SCIM string literal: quotes and backslashes escaped (RFC 7644 §3.4.2.2, JSON strings). */
  private static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** SCIM's 1-based startIndex, carried in the page token. */
  private static long startIndex(Listing.Request page) {
    String token = page.pageToken();
    if (token == null || token.isEmpty()) {
      return 1;
    }
    try {
      long start = Long.parseLong(token);
      if (start >= 1) {
        return start;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw ToolException.validation(
        Params.PAGE_TOKEN.name(), "is not a token this list handed out; start without one");
  }

  private static <I> Listing.Page<I> page(Collection<I> items, long start, Long total) {
    List<I> rows = items == null ? List.of() : List.copyOf(items);
    long next = start + rows.size();
    boolean more = !rows.isEmpty() && total != null && next <= total;
    return Listing.Page.of(rows, more ? String.valueOf(next) : null);
  }

  private static <T> T only(Collection<T> found, String what) {
    if (found == null || found.isEmpty()) {
      throw ToolException.notFound(what);
    }
    return found.iterator().next();
  }
}
