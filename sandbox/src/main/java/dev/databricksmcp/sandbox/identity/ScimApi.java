package dev.databricksmcp.sandbox.identity;

import com.databricks.sdk.service.iam.ComplexValue;
import com.databricks.sdk.service.iam.ListResponseSchema;
import com.databricks.sdk.service.iam.ListServicePrincipalResponse;
import com.databricks.sdk.service.iam.ListUsersResponse;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.User;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Router;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SCIM identity: who am I ({@code /Me}), users and service principals, with SCIM paging ({@code
 * startIndex}, {@code count}) and {@code filter=userName eq "…"} / {@code applicationId eq "…"}.
 */
public final class ScimApi implements ApiModule {
  private static final String BASE = "/api/2.0/preview/scim/v2";
  private static final Pattern EQ_FILTER =
      Pattern.compile("(?i)\\s*(\\w+)\\s+eq\\s+\"([^\"]*)\"\\s*");

  private final Identities identities;

  public ScimApi(Identities identities) {
    this.identities = identities;
  }

  @Override
  public void register(Router router) {
    router.get(BASE + "/Me", r -> user(r.principal()));
    router.get(BASE + "/Users", this::listUsers);
    router.get(BASE + "/Users/{id}", r -> user(find(r.pathVar("id"), false)));
    router.get(BASE + "/ServicePrincipals", this::listServicePrincipals);
    router.get(
        BASE + "/ServicePrincipals/{id}", r -> servicePrincipal(find(r.pathVar("id"), true)));
  }

  private Principal find(String id, boolean servicePrincipal) {
    return identities
        .byId(id)
        .filter(p -> p.isServicePrincipal() == servicePrincipal)
        .orElseThrow(
            () ->
                new ApiException(
                    ErrorCode.RESOURCE_DOES_NOT_EXIST,
                    (servicePrincipal ? "Service principal " : "User ") + id + " not found."));
  }

  private ListUsersResponse listUsers(ApiRequest r) {
    List<Principal> users =
        filtered(
            r, identities.all().stream().filter(p -> !p.isServicePrincipal()).toList(), "userName");
    Page page = page(r, users.size());
    return new ListUsersResponse()
        .setSchemas(List.of(ListResponseSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_LIST_RESPONSE))
        .setTotalResults((long) users.size())
        .setStartIndex((long) page.start())
        .setItemsPerPage((long) page.count())
        .setResources(users.subList(page.from(), page.to()).stream().map(ScimApi::user).toList());
  }

  private ListServicePrincipalResponse listServicePrincipals(ApiRequest r) {
    List<Principal> sps =
        filtered(
            r,
            identities.all().stream().filter(Principal::isServicePrincipal).toList(),
            "applicationId");
    Page page = page(r, sps.size());
    return new ListServicePrincipalResponse()
        .setSchemas(List.of(ListResponseSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_LIST_RESPONSE))
        .setTotalResults((long) sps.size())
        .setStartIndex((long) page.start())
        .setItemsPerPage((long) page.count())
        .setResources(
            sps.subList(page.from(), page.to()).stream().map(ScimApi::servicePrincipal).toList());
  }

  private static List<Principal> filtered(ApiRequest r, List<Principal> all, String attribute) {
    String filter = r.queryParam("filter").orElse("");
    if (filter.isBlank()) {
      return all;
    }
    Matcher m = EQ_FILTER.matcher(filter);
    if (!m.matches()
        || !(m.group(1).equalsIgnoreCase(attribute)
            || m.group(1).equalsIgnoreCase("displayName"))) {
      throw ApiException.invalid(
          "The sandbox supports only filter="
              + attribute
              + " eq \"value\" or displayName eq \"value\"");
    }
    boolean byName = m.group(1).equalsIgnoreCase("displayName");
    return all.stream()
        .filter(p -> (byName ? p.displayName() : p.userName()).equalsIgnoreCase(m.group(2)))
        .toList();
  }

  /** SCIM paging: 1-based startIndex, count items. */
  private record Page(int start, int from, int to) {
    int count() {
      return to - from;
    }
  }

  private static Page page(ApiRequest r, int total) {
    int start = Math.max(1, r.intParam("startIndex").orElse(1));
    int count = Math.max(0, r.intParam("count").orElse(10_000));
    int from = Math.min(total, start - 1);
    return new Page(start, from, Math.min(total, from + count));
  }

  static User user(Principal p) {
    User u =
        new User()
            .setId(p.id())
            .setUserName(p.userName())
            .setDisplayName(p.displayName())
            .setActive(true)
            .setSchemas(
                List.of(
                    com.databricks.sdk.service.iam.UserSchema
                        .URN_IETF_PARAMS_SCIM_SCHEMAS_CORE_2_0_USER))
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

  private static List<ComplexValue> groups(Principal p) {
    return p.admin()
        ? List.of(
            new ComplexValue().setDisplay("admins").setValue("2000000000000001"),
            new ComplexValue().setDisplay("users").setValue("2000000000000002"))
        : List.of(new ComplexValue().setDisplay("users").setValue("2000000000000002"));
  }
}
