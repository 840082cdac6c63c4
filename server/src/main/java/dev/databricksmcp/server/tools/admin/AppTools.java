package dev.databricksmcp.server.tools.admin;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.apps.App;
import com.databricks.sdk.service.apps.ApplicationState;
import com.databricks.sdk.service.apps.ComputeState;
import com.databricks.sdk.service.apps.GetAppRequest;
import com.databricks.sdk.service.apps.ListAppsRequest;
import com.databricks.sdk.service.apps.ListAppsResponse;
import com.databricks.sdk.service.apps.StartAppRequest;
import com.databricks.sdk.service.apps.StopAppRequest;
import dev.databricksmcp.server.core.ErrorMapper;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.WorkHandle;
import dev.databricksmcp.server.core.patterns.Listing;
import dev.databricksmcp.server.core.patterns.Lookup;
import dev.databricksmcp.server.core.patterns.StateChange;
import dev.databricksmcp.server.core.wait.Waited;
import dev.databricksmcp.server.core.wait.Waiter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Databricks Apps: list and get (URL, the compute's and the application's states, deployments,
 * service principal, resources), start and stop, each waiting up to wait_seconds through the one
 * {@link Waiter} and answering with the state reached and how to keep watching. An app's compute
 * costs money while ACTIVE; a start also deploys the app's last deployment again, so the wait is
 * for the application to leave DEPLOYING too.
 */
final class AppTools {
  /**
   * "The name must contain only lowercase alphanumeric characters and hyphens", 2 to 30 of them
   * (https://docs.databricks.com/api/apps/v1/app.md). Checked before the SDK puts it in a path.
   */
  private static final Pattern APP_NAME = Pattern.compile("[a-z0-9-]{2,30}");

  static final Param<String> NAME =
      Param.string("name", "App name (list_apps): lowercase letters, digits and hyphens")
          .required()
          .checkedBy(AppTools::appName);

  /** How long a start or stop waits for the new state. */
  static final Param<Integer> WAIT_SECONDS =
      Param.integer(
              "wait_seconds", "How long to wait for the new state ({min}-{max}; 0: do not wait)")
          .range(0, 120)
          .withDefault(30);

  private AppTools() {}

  static List<ToolDef> definitions() {
    return List.of(list(), get(), start(), stop());
  }

  static ToolDef list() {
    Listing<App> listing =
        Listing.<App>of(
                "apps",
                (page, args, ctx) -> {
                  ListAppsResponse r =
                      ctx.workspace()
                          .apps()
                          .impl()
                          .list(
                              new ListAppsRequest()
                                  .setPageSize((long) page.maxResults())
                                  .setPageToken(page.pageToken()));
                  String next = r.getNextPageToken();
                  return Listing.Page.of(r.getApps(), next == null || next.isEmpty() ? null : next);
                })
            .compact(AppRows::row, AppRows::listDetail);
    return ToolDef.builder(AdminToolset.ID, "list_apps")
        .title("List apps")
        .description(
            "Databricks Apps of the workspace: name, compute_state (ACTIVE, STARTING, STOPPED…),"
                + " app_state (RUNNING, DEPLOYING, CRASHED, UNAVAILABLE) and url; detail=true adds"
                + " description, creator and source path. get_app shows one in full.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  static ToolDef get() {
    Lookup<App> lookup =
        Lookup.<App>of(NAME, (name, ctx) -> app(ctx.workspace(), name), AppTools::says)
            .shape(AppRows::detail);
    return ToolDef.builder(AdminToolset.ID, "get_app")
        .title("Get app")
        .description(
            "One Databricks App: url, compute and application state with their messages, the"
                + " active and pending deployment (source path, state), creator, the app's own"
                + " service principal, and its resources (warehouses, endpoints, secrets…) in"
                + " words.")
        .input(lookup.input())
        .hints(ToolHints.read())
        .handler(lookup)
        .build();
  }

  static ToolDef start() {
    StateChange change =
        StateChange.of(
                "start app",
                NAME,
                (name, ctx) ->
                    ctx.workspace().apps().impl().start(new StartAppRequest().setName(name)))
            .tracking(AppTools::handle)
            .awaiting(WAIT_SECONDS, (name, wait, ctx) -> await(name, wait, ctx, true));
    return ToolDef.builder(AdminToolset.ID, "start_app")
        .title("Start app")
        .description(
            WAIT_SECONDS.fill(
                "Start a stopped Databricks App (its compute costs money while ACTIVE); Databricks"
                    + " deploys its last deployment again. Waits up to wait_seconds (default"
                    + " {default}) for compute ACTIVE and the app RUNNING; returns the states"
                    + " reached."))
        .input(change.input())
        .hints(ToolHints.write(false))
        .checkWith("get_app")
        .handler(change)
        .build();
  }

  static ToolDef stop() {
    StateChange change =
        StateChange.of(
                "stop app",
                NAME,
                (name, ctx) ->
                    ctx.workspace().apps().impl().stop(new StopAppRequest().setName(name)))
            .tracking(AppTools::handle)
            .awaiting(WAIT_SECONDS, (name, wait, ctx) -> await(name, wait, ctx, false));
    return ToolDef.builder(AdminToolset.ID, "stop_app")
        .title("Stop app")
        .description(
            WAIT_SECONDS.fill(
                "Stop a Databricks App: its URL stops answering, its deployment is kept and"
                    + " start_app brings it back. Waits up to wait_seconds (default {default})"
                    + " for compute STOPPED."))
        .input(change.input())
        .hints(ToolHints.write(true))
        .checkWith("get_app")
        .handler(change)
        .build();
  }

  static App app(WorkspaceClient w, String name) {
    return w.apps().get(new GetAppRequest().setName(name));
  }

  static WorkHandle handle(String name) {
    return new WorkHandle("name", name, "get_app");
  }

  /**
   * Waits until the compute is ACTIVE and the application has left DEPLOYING (a start), or the
   * compute is STOPPED (a stop); ERROR ends either wait. Once asked, the change is under way: a
   * failed status request ends the wait with the state unknown, not an error that reads as if
   * nothing happened.
   */
  static ToolResult await(String name, Duration wait, ToolContext ctx, boolean starting)
      throws InterruptedException {
    WorkspaceClient w = ctx.workspace();
    String target = starting ? "ACTIVE and RUNNING" : "STOPPED";
    Waited<App> waited =
        Waiter.polling(() -> app(w, name))
            .until(a -> reached(a, starting) || computeIs(a, ComputeState.ERROR))
            .describedAs(
                a ->
                    "app "
                        + name
                        + " "
                        + target
                        + " (now compute "
                        + AppRows.computeState(a)
                        + ", app "
                        + AppRows.appState(a)
                        + ")")
            .waitFor(ctx, wait)
            .throwIfInterrupted();
    App current = waited.last();
    if (waited.outcome() == Waited.Outcome.POLL_FAILED) {
      return stateUnknown(name, starting, waited.failure());
    }
    Map<String, Object> data = AppRows.row(current);
    data.put(
        "compute_message",
        current.getComputeStatus() == null ? null : current.getComputeStatus().getMessage());
    data.put(
        "app_message", current.getAppStatus() == null ? null : current.getAppStatus().getMessage());
    String states =
        "App "
            + name
            + ": compute "
            + AppRows.computeState(current)
            + ", app "
            + AppRows.appState(current);
    if (reached(current, starting)) {
      return ToolResult.of(data, states + (starting ? " at " + current.getUrl() + "." : "."));
    }
    if (computeIs(current, ComputeState.ERROR)) {
      return ToolResult.of(
          data, states + " (it did not reach " + target + "; get_app shows the message).");
    }
    return ToolResult.of(
        data,
        states
            + " (still "
            + (starting ? "starting" : "stopping")
            + "; call get_app with name="
            + name
            + " in a few seconds to check again).");
  }

  private static boolean reached(App a, boolean starting) {
    if (!starting) {
      return computeIs(a, ComputeState.STOPPED);
    }
    return computeIs(a, ComputeState.ACTIVE)
        && a.getAppStatus() != null
        && a.getAppStatus().getState() != ApplicationState.DEPLOYING
        && a.getPendingDeployment() == null;
  }

  private static boolean computeIs(App a, ComputeState state) {
    return a.getComputeStatus() != null && a.getComputeStatus().getState() == state;
  }

  /** A change Databricks accepted, whose result could not be read back: done, state unknown. */
  private static ToolResult stateUnknown(String name, boolean starting, RuntimeException failure) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("name", name);
    data.put("compute_state", "UNKNOWN");
    ErrorMapper.MappedError why = ErrorMapper.map(failure);
    data.put("status_error", Map.of("error_code", why.code().name(), "message", why.message()));
    return ToolResult.of(
        data,
        "Asked app "
            + name
            + " to "
            + (starting ? "start" : "stop")
            + ", but reading its state failed ("
            + why.code()
            + "). Check with get_app with name="
            + name
            + " before trying again.");
  }

  private static String says(App a) {
    return "App "
        + a.getName()
        + ": compute "
        + AppRows.computeState(a)
        + ", app "
        + AppRows.appState(a)
        + (a.getUrl() == null ? "." : ", at " + a.getUrl() + ".");
  }

  private static String appName(String field, String value) {
    if (!APP_NAME.matcher(value).matches()) {
      throw ToolException.validation(
          field,
          "an app name has 2 to 30 lowercase letters, digits and hyphens (got '" + value + "')");
    }
    return value;
  }
}
