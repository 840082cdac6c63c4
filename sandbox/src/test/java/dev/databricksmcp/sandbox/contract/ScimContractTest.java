package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.service.iam.ComplexValue;
import com.databricks.sdk.service.iam.GetServicePrincipalRequest;
import com.databricks.sdk.service.iam.GetUserRequest;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ListGroupsRequest;
import com.databricks.sdk.service.iam.ListUsersRequest;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.User;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Workspace SCIM against the API reference (index:
 * https://docs.databricks.com/api/scim/v1/workspace-user.md; the User object as me.md shows it).
 * SCIM names its fields in camelCase ({@code userName}, {@code displayName}, {@code Resources});
 * ids are strings. Service principals: no reference page was reachable; their shape is the spec's
 * ServicePrincipal as the Go SDK carries it (service/iam/model.go).
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class ScimContractTest {
  private static final String BASE = "/api/2.0/preview/scim/v2";
  private static final String SP_DOC =
      "databricks-sdk-go service/iam/model.go ServicePrincipal, ListServicePrincipalResponse"
          + " (OpenAPI spec); no reference page reachable";
  private static final JsonShape USER =
      JsonShape.named("User").required("id", "userName", "active");
  private static final JsonShape SP =
      JsonShape.named("ServicePrincipal").required("id", "applicationId", "displayName", "active");

  /**
   * Me: the caller as a User object, for a user and for a service principal (whose userName is its
   * application id). https://docs.databricks.com/api/scim/v1/me.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/preview/scim/v2/Me",
      doc = "https://docs.databricks.com/api/scim/v1/me.md")
  void meIsTheCallerAsAUser() {
    JsonNode me = admin().get(BASE + "/Me").ok();
    USER.required("emails[].value", "groups[].display").check(me);
    assertThat(me.get("userName").asText()).isEqualTo(Identities.ADMIN.userName());
    assertThat(me.get("id").isTextual()).as("SCIM ids are strings").isTrue();

    JsonNode sp = admin().as(Identities.SERVICE_PRINCIPAL_TOKEN).get(BASE + "/Me").ok();
    USER.check(sp);
    assertThat(sp.get("userName").asText()).isEqualTo(Identities.SERVICE_PRINCIPAL.userName());
  }

  /**
   * List users: a SCIM ListResponse ({@code totalResults}, {@code startIndex}, {@code
   * itemsPerPage}, {@code Resources}), 1-based {@code startIndex} and {@code count}, {@code
   * filter=userName eq "…"}. https://docs.databricks.com/api/scim/v1/list-users.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/preview/scim/v2/Users",
      doc = "https://docs.databricks.com/api/scim/v1/list-users.md")
  void listUsersIsAScimListResponse() {
    JsonShape list =
        JsonShape.of(
                "{\"totalResults\": 0, \"startIndex\": 0, \"itemsPerPage\": 0,"
                    + " \"Resources\": [\"@User\"],"
                    + " \"schemas\": [\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"]}")
            .required("totalResults", "startIndex", "itemsPerPage", "Resources[].userName");
    JsonNode all = admin().get(BASE + "/Users").ok();
    list.check(all);
    assertThat(all.get("totalResults").asInt()).isEqualTo(2);

    JsonNode second =
        admin().get(Wire.query(BASE + "/Users", "startIndex", "2", "count", "1")).ok();
    list.check(second);
    assertThat(second.get("startIndex").asInt()).isEqualTo(2);
    assertThat(second.get("Resources").size()).isEqualTo(1);

    JsonNode one =
        admin()
            .get(
                Wire.query(
                    BASE + "/Users",
                    "filter",
                    "userName eq \"" + Identities.ANALYST.userName() + "\""))
            .ok();
    assertThat(one.get("Resources").get(0).get("userName").asText())
        .isEqualTo(Identities.ANALYST.userName());
  }

  /**
   * Get a user by id: the User object; an unknown id is 404 (the page gives no code).
   * https://docs.databricks.com/api/scim/v1/get-user.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/preview/scim/v2/Users/{id}",
      doc = "https://docs.databricks.com/api/scim/v1/get-user.md")
  void getUserById() {
    JsonNode user = admin().get(BASE + "/Users/" + Identities.ANALYST.id()).ok();
    USER.check(user);
    assertThat(user.get("id").asText()).isEqualTo(Identities.ANALYST.id());
    admin().get(BASE + "/Users/9999999999999999").isNotFound();
  }

  /** List service principals: a SCIM ListResponse of ServicePrincipal objects. */
  @Test
  @Contract(value = "GET /api/2.0/preview/scim/v2/ServicePrincipals", doc = SP_DOC)
  void listServicePrincipals() {
    JsonNode all = admin().get(BASE + "/ServicePrincipals").ok();
    JsonShape.of(
            "{\"totalResults\": 0, \"startIndex\": 0, \"itemsPerPage\": 0,"
                + " \"Resources\": [\"@ServicePrincipal\"],"
                + " \"schemas\": [\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"]}")
        .required("totalResults", "Resources[].applicationId")
        .check(all);
    assertThat(all.get("Resources").get(0).get("applicationId").asText())
        .isEqualTo(Identities.SERVICE_PRINCIPAL.userName());
  }

  /** Get a service principal by id; an unknown id is 404. */
  @Test
  @Contract(value = "GET /api/2.0/preview/scim/v2/ServicePrincipals/{id}", doc = SP_DOC)
  void getServicePrincipalById() {
    SP.check(admin().get(BASE + "/ServicePrincipals/" + Identities.SERVICE_PRINCIPAL.id()).ok());
    admin().get(BASE + "/ServicePrincipals/" + Identities.ADMIN.id()).isNotFound();
  }

  /** Me, users and a service principal through the Databricks SDK for Java. */
  @Test
  @Contract(
      value = "GET /api/2.0/preview/scim/v2/Me",
      doc = "https://docs.databricks.com/api/scim/v1/me.md")
  @Contract(
      value = "GET /api/2.0/preview/scim/v2/Users/{id}",
      doc = "https://docs.databricks.com/api/scim/v1/get-user.md")
  @Contract(value = "GET /api/2.0/preview/scim/v2/ServicePrincipals/{id}", doc = SP_DOC)
  void sdkRoundTrip() {
    WorkspaceClient sdk = SharedSandbox.sdk(Identities.USER_TOKEN);
    assertThat(sdk.currentUser().me(new MeRequest()).getUserName())
        .isEqualTo(Identities.ANALYST.userName());
    assertThat(sdk.users().get(new GetUserRequest().setId(Identities.ADMIN.id())).getUserName())
        .isEqualTo(Identities.ADMIN.userName());
    assertThat(StreamSupport.stream(sdk.users().list(new ListUsersRequest()).spliterator(), false))
        .extracting(User::getUserName)
        .contains(Identities.ADMIN.userName(), Identities.ANALYST.userName());
    assertThat(
            sdk.servicePrincipals()
                .get(new GetServicePrincipalRequest().setId(Identities.SERVICE_PRINCIPAL.id()))
                .getApplicationId())
        .isEqualTo(Identities.SERVICE_PRINCIPAL.userName());
  }

  /**
   * List groups: a SCIM ListResponse of Group objects with {@code members} ({@code value} the
   * member's id, {@code display}, {@code $ref}); {@code filter=displayName co "…"} and {@code
   * attributes}. https://docs.databricks.com/api/scim/v1/list-groups.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/preview/scim/v2/Groups",
      doc = "https://docs.databricks.com/api/scim/v1/list-groups.md")
  void listGroupsIsAScimListResponse() {
    JsonNode all = admin().get(BASE + "/Groups").ok();
    JsonShape.of(
            "{\"totalResults\": 0, \"startIndex\": 0, \"itemsPerPage\": 0,"
                + " \"Resources\": [\"@Group\"],"
                + " \"schemas\": [\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"]}")
        .required("totalResults", "Resources[].id", "Resources[].displayName")
        .check(all);
    assertThat(all.get("Resources").findValuesAsText("displayName"))
        .contains("admins", "users", "data-engineers", "analysts");

    JsonNode data =
        admin().get(Wire.query(BASE + "/Groups", "filter", "displayName co \"data\"")).ok();
    assertThat(data.get("totalResults").asInt()).isEqualTo(1);
    assertThat(data.get("Resources").get(0).get("displayName").asText())
        .isEqualTo("data-engineers");

    JsonNode either =
        admin()
            .get(
                Wire.query(
                    BASE + "/Groups",
                    "filter",
                    "displayName sw \"ANAL\" or displayName eq \"admins\""))
            .ok();
    assertThat(either.get("Resources").findValuesAsText("displayName"))
        .containsExactlyInAnyOrder("analysts", "admins");

    JsonNode slim =
        admin().get(Wire.query(BASE + "/Groups", "attributes", "displayName", "count", "1")).ok();
    assertThat(slim.get("itemsPerPage").asInt()).isEqualTo(1);
    assertThat(slim.get("Resources").get(0).has("members")).isFalse();
    assertThat(slim.get("Resources").get(0).has("id")).isTrue();

    admin()
        .get(Wire.query(BASE + "/Groups", "filter", "displayName gt \"a\""))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /**
   * Get a group by id: the Group with its members; an unknown id is 404.
   * https://docs.databricks.com/api/scim/v1/get-group.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/preview/scim/v2/Groups/{id}",
      doc = "https://docs.databricks.com/api/scim/v1/get-group.md")
  void getGroupWithMembers() {
    JsonNode group = admin().get(BASE + "/Groups/2000000000000004").ok();
    JsonShape.named("Group").required("id", "displayName", "members[].value").check(group);
    assertThat(group.get("members").get(0).get("value").asText())
        .isEqualTo(Identities.ANALYST.id());
    assertThat(group.get("members").get(0).get("$ref").asText())
        .isEqualTo("Users/" + Identities.ANALYST.id());
    admin().get(BASE + "/Groups/9999").isNotFound();
  }

  /**
   * Users filtered with {@code co}, {@code sw} and {@code and}, paged; an unsupported operator is
   * INVALID_PARAMETER_VALUE. https://docs.databricks.com/api/scim/v1/list-users.md ("Supported
   * operators are equals(eq), contains(co), starts with(sw) and not equals(ne) ... and and or").
   */
  @Test
  @Contract(
      value = "GET /api/2.0/preview/scim/v2/Users",
      doc = "https://docs.databricks.com/api/scim/v1/list-users.md")
  void usersFilterOperators() {
    JsonNode co =
        admin().get(Wire.query(BASE + "/Users", "filter", "displayName co \"analyst\"")).ok();
    assertThat(co.get("Resources").findValuesAsText("userName"))
        .containsExactly(Identities.ANALYST.userName());
    JsonNode both =
        admin()
            .get(
                Wire.query(
                    BASE + "/Users",
                    "filter",
                    "userName sw \"a\" and displayName ne \"Sandbox Admin\""))
            .ok();
    assertThat(both.get("Resources").findValuesAsText("userName"))
        .containsExactly(Identities.ANALYST.userName());
    admin()
        .get(Wire.query(BASE + "/Users", "filter", "userName pr"))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /** Groups and users through the SDK: a filtered list, a group's members. */
  @Test
  @Contract(
      value = "GET /api/2.0/preview/scim/v2/Groups",
      doc = "https://docs.databricks.com/api/scim/v1/list-groups.md")
  @Contract(
      value = "GET /api/2.0/preview/scim/v2/Groups/{id}",
      doc = "https://docs.databricks.com/api/scim/v1/get-group.md")
  void sdkGroups() {
    WorkspaceClient sdk = SharedSandbox.sdk(Identities.USER_TOKEN);
    List<Group> groups =
        StreamSupport.stream(
                sdk.groups()
                    .list(new ListGroupsRequest().setFilter("displayName co \"data\""))
                    .spliterator(),
                false)
            .toList();
    assertThat(groups).extracting(Group::getDisplayName).containsExactly("data-engineers");
    Group got = sdk.groups().get(groups.get(0).getId());
    assertThat(got.getMembers())
        .extracting(ComplexValue::getValue)
        .containsExactlyInAnyOrder(Identities.ADMIN.id(), Identities.SERVICE_PRINCIPAL.id());
    assertThat(
            StreamSupport.stream(
                sdk.users()
                    .list(new ListUsersRequest().setFilter("displayName co \"admin\""))
                    .spliterator(),
                false))
        .extracting(User::getUserName)
        .containsExactly(Identities.ADMIN.userName());
    assertThat(
            StreamSupport.stream(sdk.groups().list(new ListGroupsRequest()).spliterator(), false))
        .hasSize(4);
  }
}
