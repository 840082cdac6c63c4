package dev.databricksmcp.sandbox.permissions;

import com.databricks.sdk.service.iam.AccessControlRequest;
import com.databricks.sdk.service.iam.GetPermissionLevelsResponse;
import com.databricks.sdk.service.iam.PermissionLevel;
import com.databricks.sdk.service.iam.PermissionsDescription;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Permissions API (https://docs.databricks.com/api/workspace/permissions: get, set, update,
 * getpermissionlevels) over {@link ObjectAcls}: {@code GET}, {@code PUT} (replaces the direct ACL),
 * {@code PATCH} (adds to it) on {@code /api/2.0/permissions/{request_object_type}/{id}} and {@code
 * GET …/permissionLevels}. The per-object routes the SDK's typed calls use ({@code
 * jobs().getPermissions}, {@code clusters().setPermissions}, …) are these same paths. Reading an
 * ACL takes any level on the object; changing it takes CAN_MANAGE (or IS_OWNER).
 */
public final class PermissionsApi implements ApiModule {
  private static final String BASE =
      "/api/2.0/permissions/{request_object_type}/{request_object_id}";

  private final ObjectAcls acls;

  public PermissionsApi(ObjectAcls acls) {
    this.acls = acls;
  }

  @Override
  public void register(Router router) {
    router.get(
        BASE,
        r -> {
          AclObjectType type = type(r);
          acls.requireReader(r.principal(), type, id(r));
          return acls.view(type, id(r));
        });
    router.put(BASE, r -> acls.set(r.principal(), type(r), id(r), requested(r)));
    router.patch(BASE, r -> acls.update(r.principal(), type(r), id(r), requested(r)));
    router.get(BASE + "/permissionLevels", this::levels);
  }

  private GetPermissionLevelsResponse levels(ApiRequest r) {
    AclObjectType type = type(r);
    acls.requireReader(r.principal(), type, id(r));
    List<PermissionsDescription> out = new ArrayList<>();
    for (PermissionLevel level : type.levels()) {
      out.add(
          new PermissionsDescription()
              .setPermissionLevel(level)
              .setDescription(type.describe(level)));
    }
    return new GetPermissionLevelsResponse().setPermissionLevels(out);
  }

  /** The kind the path names; one the API does not know is 400, as the service answers it. */
  private static AclObjectType type(ApiRequest r) {
    String requested = r.pathVar("request_object_type");
    return AclObjectType.byRequestType(requested)
        .orElseThrow(
            () ->
                ApiException.invalid(
                    "request_object_type is not recognized: "
                        + requested
                        + " (one of "
                        + String.join(
                            ", ",
                            java.util.Arrays.stream(AclObjectType.values())
                                .map(AclObjectType::requestType)
                                .toList())
                        + ")"));
  }

  private static String id(ApiRequest r) {
    return r.pathVar("request_object_id");
  }

  /**
   * The body's {@code access_control_list}, read field by field so that an unknown level is named
   * in the error instead of failing the whole body.
   */
  private static List<AccessControlRequest> requested(ApiRequest r) {
    JsonNode list = r.bodyAs(JsonNode.class).path("access_control_list");
    List<AccessControlRequest> out = new ArrayList<>();
    if (list.isMissingNode() || list.isNull()) {
      return out;
    }
    if (!list.isArray()) {
      throw ApiException.invalid("access_control_list must be an array.");
    }
    for (JsonNode entry : list) {
      String level = text(entry, "permission_level");
      PermissionLevel parsed = null;
      if (level != null) {
        try {
          parsed = PermissionLevel.valueOf(level.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw ApiException.invalid("Invalid permission level: " + level + ".");
        }
      }
      out.add(
          new AccessControlRequest()
              .setUserName(text(entry, "user_name"))
              .setGroupName(text(entry, "group_name"))
              .setServicePrincipalName(text(entry, "service_principal_name"))
              .setPermissionLevel(parsed));
    }
    return out;
  }

  private static String text(JsonNode entry, String field) {
    JsonNode v = entry.get(field);
    return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
  }
}
