package dev.databricksmcp.sandbox.apps;

import com.databricks.sdk.service.apps.App;
import com.databricks.sdk.service.apps.AppDeployment;
import com.databricks.sdk.service.apps.ListAppDeploymentsResponse;
import com.databricks.sdk.service.apps.ListAppsResponse;
import com.databricks.sdk.service.iam.PermissionLevel;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.PageTokens;
import dev.databricksmcp.sandbox.http.Router;
import dev.databricksmcp.sandbox.permissions.AclObjectType;
import dev.databricksmcp.sandbox.permissions.ObjectAcls;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Apps API (https://docs.databricks.com/api/apps/v1/app.md, deployment.md): list, get, create,
 * update, delete, start, stop, and an app's deployments (list, get, create).
 *
 * <p>Who may do what: every user may list and get every app and create one; those with CAN_MANAGE
 * on it (its creator, workspace admins, whoever the Permissions API grants it to) manage it
 * (update, delete, start, stop, deploy), decided in {@link #managed} alone; anyone else is refused
 * with PERMISSION_DENIED.
 */
public final class AppsApi implements ApiModule {
  private static final String BASE = "/api/2.0/apps";

  /**
   * "The name must contain only lowercase alphanumeric characters and hyphens", 2 to 30 characters
   * (app.md).
   */
  private static final Pattern NAME = Pattern.compile("[a-z0-9-]{2,30}");

  /** "description: string <= 500 characters" (app.md). */
  static final int MAX_DESCRIPTION = 500;

  /** The largest page the sandbox answers (list-apps.md: page_size is an "upper bound"). */
  static final int MAX_PAGE = 100;

  private final Apps apps;

  private final ObjectAcls acls;

  public AppsApi(Apps apps, ObjectAcls acls) {
    this.apps = apps;
    this.acls = acls;
  }

  @Override
  public void register(Router router) {
    router.get(BASE, this::list);
    router.post(BASE, this::create);
    router.get(BASE + "/{name}", r -> apps.get(name(r, "name")));
    router.patch(BASE + "/{name}", this::update);
    router.delete(BASE + "/{name}", r -> apps.delete(managed(r, name(r, "name"))));
    router.post(BASE + "/{name}/start", r -> apps.start(managed(r, name(r, "name"))));
    router.post(BASE + "/{name}/stop", r -> apps.stop(managed(r, name(r, "name"))));
    router.get(BASE + "/{app_name}/deployments", this::listDeployments);
    router.post(BASE + "/{app_name}/deployments", this::deploy);
    router.get(
        BASE + "/{app_name}/deployments/{deployment_id}",
        r -> apps.deployment(name(r, "app_name"), r.pathVar("deployment_id")));
  }

  private ListAppsResponse list(ApiRequest r) {
    List<App> all = apps.list();
    Page page = page(r, all.size());
    return new ListAppsResponse()
        .setApps(all.subList(page.from(), page.to()))
        .setNextPageToken(page.next());
  }

  private ListAppDeploymentsResponse listDeployments(ApiRequest r) {
    List<AppDeployment> all = apps.deployments(name(r, "app_name"));
    Page page = page(r, all.size());
    return new ListAppDeploymentsResponse()
        .setAppDeployments(all.subList(page.from(), page.to()))
        .setNextPageToken(page.next());
  }

  /** The body is the app; {@code no_compute=true} (a query parameter) leaves it stopped. */
  private App create(ApiRequest r) {
    App spec = r.bodyAs(App.class);
    if (spec.getName() == null || spec.getName().isEmpty()) {
      throw ApiException.invalid("Missing required field: name");
    }
    valid(spec.getName());
    description(spec);
    return apps.create(spec, r.principal().userName(), r.boolParam("no_compute"));
  }

  /** The body is the app; a name in it other than the path's is refused (no renames). */
  private App update(ApiRequest r) {
    String name = managed(r, name(r, "name"));
    App fields = r.bodyAs(App.class);
    if (fields.getName() != null && !fields.getName().equals(name)) {
      throw ApiException.invalid("An app cannot be renamed: name must be " + name + ".");
    }
    description(fields);
    return apps.update(name, fields, r.principal().userName());
  }

  /** The body is the deployment: source_code_path (a workspace folder) and mode. */
  private AppDeployment deploy(ApiRequest r) {
    String name = managed(r, name(r, "app_name"));
    AppDeployment spec = r.bodyAs(AppDeployment.class);
    String path = spec.getSourceCodePath();
    if (path == null || path.isEmpty()) {
      throw ApiException.invalid("Missing required field: source_code_path");
    }
    if (!path.startsWith("/Workspace/")) {
      throw ApiException.invalid(
          "source_code_path must be a workspace folder starting with /Workspace/ (got "
              + path
              + ").");
    }
    return apps.deploy(name, path, spec.getMode(), r.principal().userName());
  }

  /** The app's name when the caller may manage it; PERMISSION_DENIED otherwise. */
  private String managed(ApiRequest r, String name) {
    apps.creator(name); // an unknown app is NOT_FOUND before anything else
    if (!acls.has(r.principal(), AclObjectType.APPS, name, PermissionLevel.CAN_MANAGE)) {
      throw ApiException.denied(
          "User "
              + r.principal().userName()
              + " does not have CAN_MANAGE permission on app "
              + name
              + ".");
    }
    return name;
  }

  private static String name(ApiRequest r, String variable) {
    return valid(r.pathVar(variable));
  }

  private static String valid(String name) {
    if (!NAME.matcher(name).matches()) {
      throw ApiException.invalid(
          "Invalid app name '"
              + name
              + "': the name must contain only lowercase alphanumeric characters and hyphens, 2"
              + " to 30 of them.");
    }
    return name;
  }

  private static void description(App app) {
    if (app.getDescription() != null && app.getDescription().length() > MAX_DESCRIPTION) {
      throw ApiException.invalid("description may not exceed " + MAX_DESCRIPTION + " characters.");
    }
  }

  /** One page of a list: page_size (absent or 0: the sandbox's size), page_token. */
  private record Page(int from, int to, String next) {}

  private static Page page(ApiRequest r, int total) {
    int size = r.intParam("page_size").orElse(0);
    if (size < 0) {
      throw ApiException.invalid("page_size must be greater than or equal to 0");
    }
    size = size == 0 ? MAX_PAGE : Math.min(size, MAX_PAGE);
    int from = Math.min(total, r.queryParam("page_token").map(PageTokens::offset).orElse(0));
    int to = Math.min(total, from + size);
    return new Page(from, to, to < total ? PageTokens.of(to) : null);
  }
}
