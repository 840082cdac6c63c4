package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.analyst;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.service.catalog.GetEffectiveRequest;
import com.databricks.sdk.service.catalog.GetGrantRequest;
import com.databricks.sdk.service.catalog.PermissionsChange;
import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.catalog.PrivilegeAssignment;
import com.databricks.sdk.service.catalog.UpdatePermissions;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Unity Catalog grants against the API reference (index:
 * https://docs.databricks.com/api/uc-grants/v1/permissions.md and
 * https://docs.databricks.com/api/uc-grants/v1.md): direct permissions (the CLI reference adds
 * "Does not include inherited permissions"), their update, and effective permissions with what they
 * inherit.
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class GrantsContractTest {
  private static final String BASE = "/api/2.1/unity-catalog";
  private static final JsonShape DIRECT =
      JsonShape.of(
              "{\"privilege_assignments\": [\"@PrivilegeAssignment\"], \"next_page_token\": \"string\"}")
          .required("privilege_assignments", "privilege_assignments[].principal");
  private static final JsonShape EFFECTIVE =
      JsonShape.of(
              "{\"privilege_assignments\": [\"@EffectivePrivilegeAssignment\"],"
                  + " \"next_page_token\": \"string\"}")
          .required(
              "privilege_assignments",
              "privilege_assignments[].principal",
              "privilege_assignments[].privileges[].privilege");

  /**
   * Get: the direct privilege assignments of a securable, filtered by {@code principal} when given;
   * nothing inherited from the parent catalog. An unknown securable is 404.
   * https://docs.databricks.com/api/uc-grants/v1/get-permissions.md
   */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/permissions/{type}/{full_name}",
      doc = "https://docs.databricks.com/api/uc-grants/v1/get-permissions.md")
  void getListsDirectGrantsOnly() {
    JsonNode direct = admin().get(BASE + "/permissions/schema/main.default").ok();
    DIRECT.check(direct);
    assertThat(privilegesOf(direct, Identities.ANALYST.userName()))
        .containsExactlyInAnyOrder("USE_SCHEMA", "CREATE_TABLE");

    JsonNode one =
        admin()
            .get(
                Wire.query(
                    BASE + "/permissions/catalog/samples",
                    "principal",
                    Identities.ANALYST.userName()))
            .ok();
    DIRECT.check(one);
    assertThat(one.get("privilege_assignments").size()).isEqualTo(1);

    admin()
        .get(BASE + "/permissions/schema/main.no_such_schema")
        .isError(404, "SCHEMA_DOES_NOT_EXIST", NotFound.class);
  }

  /**
   * Update: {@code changes} of {@code add} and {@code remove} per principal; answers the
   * securable's privilege assignments. Only an owner or admin may change grants.
   * https://docs.databricks.com/api/uc-grants/v1/update-permissions.md
   */
  @Test
  @Contract(
      value = "PATCH /api/2.1/unity-catalog/permissions/{type}/{full_name}",
      doc = "https://docs.databricks.com/api/uc-grants/v1/update-permissions.md")
  void updateAddsAndRemovesAndAnswersTheAssignments() {
    String schema = "main." + unique("contract_grants");
    admin()
        .post(
            BASE + "/schemas",
            "{\"catalog_name\": \"main\", \"name\": \"" + schema.substring(5) + "\"}")
        .ok();
    String sp = Identities.SERVICE_PRINCIPAL.userName();
    JsonNode added =
        admin()
            .patch(
                BASE + "/permissions/schema/" + schema,
                "{\"changes\": [{\"principal\": \""
                    + sp
                    + "\", \"add\": [\"USE_SCHEMA\", \"SELECT\"]}]}")
            .ok();
    DIRECT.check(added);
    assertThat(privilegesOf(added, sp)).containsExactlyInAnyOrder("USE_SCHEMA", "SELECT");

    JsonNode removed =
        admin()
            .patch(
                BASE + "/permissions/schema/" + schema,
                "{\"changes\": [{\"principal\": \"" + sp + "\", \"remove\": [\"SELECT\"]}]}")
            .ok();
    assertThat(privilegesOf(removed, sp)).containsExactly("USE_SCHEMA");

    analyst()
        .patch(
            BASE + "/permissions/schema/" + schema,
            "{\"changes\": [{\"principal\": \"" + sp + "\", \"add\": [\"SELECT\"]}]}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin().delete(BASE + "/schemas/" + schema).okEmpty();
  }

  /**
   * A change naming a principal Unity Catalog cannot resolve is refused with {@code
   * PRINCIPAL_DOES_NOT_EXIST} ("Could not find principal with name ...", as clients report it), and
   * the other changes of the same request are not applied. The status is not on the page; it is the
   * 404 of the {@code *_DOES_NOT_EXIST} codes.
   * https://docs.databricks.com/api/uc-grants/v1/update-permissions.md
   */
  @Test
  @Contract(
      value = "PATCH /api/2.1/unity-catalog/permissions/{type}/{full_name}",
      doc = "https://docs.databricks.com/api/uc-grants/v1/update-permissions.md")
  void anUnknownPrincipalIsRefusedAndNothingOfTheRequestIsApplied() {
    String schema = "main." + unique("contract_principal");
    admin()
        .post(
            BASE + "/schemas",
            "{\"catalog_name\": \"main\", \"name\": \"" + schema.substring(5) + "\"}")
        .ok();
    String analyst = Identities.ANALYST.userName();
    admin()
        .patch(
            BASE + "/permissions/schema/" + schema,
            "{\"changes\": [{\"principal\": \""
                + analyst
                + "\", \"add\": [\"SELECT\"]}, {\"principal\": \"nobody@example.com\","
                + " \"add\": [\"SELECT\"]}]}")
        .isError(404, "PRINCIPAL_DOES_NOT_EXIST", NotFound.class);
    JsonNode after = admin().get(BASE + "/permissions/schema/" + schema).ok();
    assertThat(privilegesOf(after, analyst)).isEmpty();

    JsonNode toGroup =
        admin()
            .patch(
                BASE + "/permissions/schema/" + schema,
                "{\"changes\": [{\"principal\": \"account users\", \"add\": [\"USE_SCHEMA\"]}]}")
            .ok();
    assertThat(privilegesOf(toGroup, "account users")).containsExactly("USE_SCHEMA");
    admin().delete(BASE + "/schemas/" + schema).okEmpty();
  }

  /**
   * Effective permissions include what is inherited from parent securables, marked with {@code
   * inherited_from_type} and {@code inherited_from_name}; {@code principal} filters.
   * https://docs.databricks.com/api/uc-grants/v1/get-effective-permissions.md
   */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/effective-permissions/{type}/{full_name}",
      doc = "https://docs.databricks.com/api/uc-grants/v1/get-effective-permissions.md")
  void effectivePermissionsShowWhatIsInherited() {
    JsonNode effective =
        admin()
            .get(
                Wire.query(
                    BASE + "/effective-permissions/schema/main.default",
                    "principal",
                    Identities.ANALYST.userName()))
            .ok();
    EFFECTIVE.check(effective);
    assertThat(effective.get("privilege_assignments").size()).isEqualTo(1);
    JsonNode inherited = null;
    for (JsonNode p : effective.get("privilege_assignments").get(0).get("privileges")) {
      if (p.get("privilege").asText().equals("USE_CATALOG")) {
        inherited = p;
      }
    }
    assertThat(inherited).as("USE_CATALOG, granted on the catalog main").isNotNull();
    assertThat(inherited.get("inherited_from_type").asText()).isEqualTo("CATALOG");
    assertThat(inherited.get("inherited_from_name").asText()).isEqualTo("main");

    admin()
        .get(BASE + "/effective-permissions/table/samples.tpch.no_such_table")
        .isError(404, "TABLE_DOES_NOT_EXIST", NotFound.class);
  }

  /**
   * {@code max_results} of both reads: unset = every assignment; below 0, or 1 to 149, an invalid
   * parameter error (a page must hold a whole assignment); 0 = a server-sized page; from 150 = the
   * smaller of it and the server's size.
   * https://docs.databricks.com/api/uc-grants/v1/get-effective-permissions.md (the same text is on
   * {@code GetGrantRequest.max_results} in the spec)
   */
  @Test
  @Contract(
      value = "GET /api/2.1/unity-catalog/effective-permissions/{type}/{full_name}",
      doc = "https://docs.databricks.com/api/uc-grants/v1/get-effective-permissions.md")
  @Contract(
      value = "GET /api/2.1/unity-catalog/permissions/{type}/{full_name}",
      doc = "https://docs.databricks.com/api/uc-grants/v1/get-permissions.md")
  void maxResultsFollowsTheDocumentedRanges() {
    for (String api : List.of("/effective-permissions", "/permissions")) {
      String path = BASE + api + "/schema/main.default";
      for (String invalid : List.of("-1", "1", "149")) {
        admin()
            .get(Wire.query(path, "max_results", invalid))
            .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
      }
      for (String valid : List.of("0", "150", "1000")) {
        JsonNode page = admin().get(Wire.query(path, "max_results", valid)).ok();
        assertThat(page.get("privilege_assignments").size()).isPositive();
      }
    }
  }

  /**
   * {@code changes} is optional in the update request: without any, the answer is the assignments
   * as they are. https://docs.databricks.com/api/uc-grants/v1/update-permissions.md
   */
  @Test
  @Contract(
      value = "PATCH /api/2.1/unity-catalog/permissions/{type}/{full_name}",
      doc = "https://docs.databricks.com/api/uc-grants/v1/update-permissions.md")
  void anUpdateWithoutChangesAnswersTheAssignments() {
    JsonNode same = admin().patch(BASE + "/permissions/schema/main.default", "{}").ok();
    DIRECT.check(same);
    assertThat(privilegesOf(same, Identities.ANALYST.userName()))
        .containsExactlyInAnyOrder("USE_SCHEMA", "CREATE_TABLE");
    assertThat(
            privilegesOf(
                admin().patch(BASE + "/permissions/schema/main.default", "{\"changes\": []}").ok(),
                Identities.ANALYST.userName()))
        .containsExactlyInAnyOrder("USE_SCHEMA", "CREATE_TABLE");
  }

  /** Update, get and get-effective through the Databricks SDK for Java. */
  @Test
  @Contract(
      value = "PATCH /api/2.1/unity-catalog/permissions/{type}/{full_name}",
      doc = "https://docs.databricks.com/api/uc-grants/v1/update-permissions.md")
  @Contract(
      value = "GET /api/2.1/unity-catalog/permissions/{type}/{full_name}",
      doc = "https://docs.databricks.com/api/uc-grants/v1/get-permissions.md")
  @Contract(
      value = "GET /api/2.1/unity-catalog/effective-permissions/{type}/{full_name}",
      doc = "https://docs.databricks.com/api/uc-grants/v1/get-effective-permissions.md")
  void sdkRoundTrip() {
    WorkspaceClient sdk = SharedSandbox.sdk(Identities.ADMIN_TOKEN);
    String schema = unique("contract_sdk");
    admin()
        .post(BASE + "/schemas", "{\"catalog_name\": \"main\", \"name\": \"" + schema + "\"}")
        .ok();
    String sp = Identities.SERVICE_PRINCIPAL.userName();
    sdk.grants()
        .update(
            new UpdatePermissions()
                .setSecurableType("schema")
                .setFullName("main." + schema)
                .setChanges(
                    List.of(
                        new PermissionsChange()
                            .setPrincipal(sp)
                            .setAdd(List.of(Privilege.SELECT)))));
    java.util.Collection<PrivilegeAssignment> direct =
        sdk.grants()
            .get(new GetGrantRequest().setSecurableType("schema").setFullName("main." + schema))
            .getPrivilegeAssignments();
    assertThat(direct).extracting(PrivilegeAssignment::getPrincipal).containsExactly(sp);
    assertThat(
            sdk.grants()
                .getEffective(
                    new GetEffectiveRequest()
                        .setSecurableType("schema")
                        .setFullName("main." + schema)
                        .setPrincipal(sp))
                .getPrivilegeAssignments())
        .hasSize(1);
    admin().delete(BASE + "/schemas/main." + schema).okEmpty();
  }

  static List<String> privilegesOf(JsonNode assignments, String principal) {
    List<String> out = new ArrayList<>();
    for (JsonNode a : assignments.get("privilege_assignments")) {
      if (a.get("principal").asText().equals(principal)) {
        a.get("privileges").forEach(p -> out.add(p.asText()));
      }
    }
    return out;
  }
}
