package dev.databricksmcp.sandbox.identity;

import com.databricks.sdk.service.iam.ComplexValue;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.GroupSchema;
import com.databricks.sdk.service.iam.ListResponseSchema;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.iam.UserSchema;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.auth.WorkspaceGroups;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.http.Router;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Workspace SCIM 2.0: who am I ({@code /Me}), users, service principals and groups (with their
 * members), each list a SCIM ListResponse with 1-based {@code startIndex}/{@code count} paging,
 * {@code filter} ({@link ScimFilter}) and {@code attributes}/{@code excludedAttributes}.
 */
public final class ScimApi implements ApiModule {
  private static final String BASE = "/api/2.0/preview/scim/v2";

  private final Identities identities;

  public ScimApi(Identities identities) {
    this.identities = identities;
  }

  @Override
  public void register(Router router) {
    router.get(BASE + "/Me", r -> shaped(r, user(r.principal())));
    router.get(
        BASE + "/Users", r -> list(r, principals(false), ScimApi::userAttribute, p -> user(p)));
    router.get(BASE + "/Users/{id}", r -> shaped(r, user(find(r.pathVar("id"), false))));
    router.get(
        BASE + "/ServicePrincipals",
        r -> list(r, principals(true), ScimApi::spAttribute, p -> servicePrincipal(p)));
    router.get(
        BASE + "/ServicePrincipals/{id}",
        r -> shaped(r, servicePrincipal(find(r.pathVar("id"), true))));
    router.get(
        BASE + "/Groups",
        r -> list(r, WorkspaceGroups.all(), ScimApi::groupAttribute, g -> group(g)));
    router.get(
        BASE + "/Groups/{id}",
        r ->
            shaped(
                r,
                group(
                    WorkspaceGroups.byId(r.pathVar("id"))
                        .orElseThrow(() -> notFound("Group " + r.pathVar("id"))))));
  }

  private List<Principal> principals(boolean servicePrincipals) {
    return identities.all().stream()
        .filter(p -> p.isServicePrincipal() == servicePrincipals)
        .toList();
  }

  private Principal find(String id, boolean servicePrincipal) {
    return identities
        .byId(id)
        .filter(p -> p.isServicePrincipal() == servicePrincipal)
        .orElseThrow(() -> notFound((servicePrincipal ? "Service principal " : "User ") + id));
  }

  private static ApiException notFound(String what) {
    return new ApiException(ErrorCode.RESOURCE_DOES_NOT_EXIST, what + " not found.");
  }

  /** A SCIM ListResponse of the filtered objects, one page of them. */
  private static <T> JsonNode list(
      ApiRequest r,
      List<T> all,
      BiFunction<T, String, String> attribute,
      Function<T, Object> render) {
    List<T> matching =
        all.stream()
            .filter(ScimFilter.parse(r.queryParam("filter").orElse(null), attribute))
            .toList();
    int start = Math.max(1, r.intParam("startIndex").orElse(1));
    int count = Math.max(0, r.intParam("count").orElse(10_000));
    int from = Math.min(matching.size(), start - 1);
    int to = Math.min(matching.size(), from + count);
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.putArray("schemas")
        .add(ListResponseSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_LIST_RESPONSE.toString());
    out.put("totalResults", matching.size());
    out.put("startIndex", start);
    out.put("itemsPerPage", to - from);
    var resources = out.putArray("Resources");
    for (T t : matching.subList(from, to)) {
      resources.add(shaped(r, render.apply(t)));
    }
    return out;
  }

  /**
   * The object with only the {@code attributes} asked for (id always kept), or without the {@code
   * excludedAttributes}: top-level attribute names, comma-separated (RFC 7644 §3.9).
   */
  private static JsonNode shaped(ApiRequest r, Object scimObject) {
    ObjectNode node = Json.MAPPER.valueToTree(scimObject);
    r.queryParam("attributes")
        .filter(a -> !a.isBlank())
        .ifPresent(
            a -> {
              List<String> keep = names(a);
              node.retain(
                  node.properties().stream()
                      .map(java.util.Map.Entry::getKey)
                      .filter(k -> k.equals("id") || keep.contains(k.toLowerCase()))
                      .toList());
            });
    r.queryParam("excludedAttributes")
        .filter(a -> !a.isBlank())
        .ifPresent(
            a -> {
              List<String> drop = names(a);
              node.properties().removeIf(e -> drop.contains(e.getKey().toLowerCase()));
            });
    return node;
  }

  private static List<String> names(String commaSeparated) {
    return java.util.Arrays.stream(commaSeparated.split(","))
        .map(s -> s.trim().toLowerCase())
        .toList();
  }

  private static String userAttribute(Principal p, String name) {
    return switch (name.toLowerCase()) {
      case "id" -> p.id();
      case "username", "emails.value", "emails" -> p.userName();
      case "displayname" -> p.displayName();
      case "active" -> "true";
      default -> null;
    };
  }

  private static String spAttribute(Principal p, String name) {
    return switch (name.toLowerCase()) {
      case "id" -> p.id();
      case "applicationid" -> p.userName();
      case "displayname" -> p.displayName();
      case "active" -> "true";
      default -> null;
    };
  }

  private static String groupAttribute(WorkspaceGroups.Group g, String name) {
    return switch (name.toLowerCase()) {
      case "id" -> g.id();
      case "displayname" -> g.displayName();
      default -> null;
    };
  }

  static User user(Principal p) {
    User u =
        new User()
            .setId(p.id())
            .setUserName(p.userName())
            .setDisplayName(p.displayName())
            .setActive(true)
            .setSchemas(List.of(UserSchema.URN_IETF_PARAMS_SCIM_SCHEMAS_CORE_2_0_USER))
            .setGroups(groups(p));
    if (!p.isServicePrincipal()) {
      u.setEmails(
          List.of(new ComplexValue().setValue(p.userName()).setType("work").setPrimary(true)));
    }
    return u;
  }

  static ServicePrincipal servicePrincipal(Principal p) {
    return new ServicePrincipal()
        .setId(p.id())
        .setApplicationId(p.userName())
        .setDisplayName(p.displayName())
        .setActive(true)
        .setGroups(groups(p));
  }

  /** A group with its members: {@code value} the member's id, {@code $ref} its SCIM path. */
  static Group group(WorkspaceGroups.Group g) {
    return new Group()
        .setId(g.id())
        .setDisplayName(g.displayName())
        .setSchemas(List.of(GroupSchema.URN_IETF_PARAMS_SCIM_SCHEMAS_CORE_2_0_GROUP))
        .setMembers(
            g.members().stream()
                .map(
                    m ->
                        new ComplexValue()
                            .setValue(m.id())
                            .setDisplay(m.displayName())
                            .setRef(
                                (m.isServicePrincipal() ? "ServicePrincipals/" : "Users/")
                                    + m.id()))
                .toList());
  }

  private static List<ComplexValue> groups(Principal p) {
    return WorkspaceGroups.of(p).stream()
        .map(g -> new ComplexValue().setDisplay(g.displayName()).setValue(g.id()))
        .toList();
  }
}
