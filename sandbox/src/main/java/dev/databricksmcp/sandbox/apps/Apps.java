package dev.databricksmcp.sandbox.apps;

import com.databricks.sdk.service.apps.App;
import com.databricks.sdk.service.apps.AppDeployment;
import com.databricks.sdk.service.apps.AppDeploymentArtifacts;
import com.databricks.sdk.service.apps.AppDeploymentMode;
import com.databricks.sdk.service.apps.AppDeploymentState;
import com.databricks.sdk.service.apps.AppDeploymentStatus;
import com.databricks.sdk.service.apps.ApplicationState;
import com.databricks.sdk.service.apps.ApplicationStatus;
import com.databricks.sdk.service.apps.ComputeSize;
import com.databricks.sdk.service.apps.ComputeState;
import com.databricks.sdk.service.apps.ComputeStatus;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.compute.ComputeClock;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.state.PersistentState;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Databricks Apps and their deployments, with the two states the Apps API reports (app.md): the
 * compute's and the application's.
 *
 * <pre>
 * create ─► compute STARTING ──► ACTIVE           (no_compute: STOPPED at once)
 * start (STOPPED, ERROR) ─► STARTING ──► ACTIVE ──► last deployment again: app DEPLOYING ──► RUNNING
 * stop (ACTIVE, STARTING, ERROR) ─► STOPPING ──► STOPPED, app UNAVAILABLE
 * deploy (compute ACTIVE) ─► pending deployment IN_PROGRESS, app DEPLOYING ──► SUCCEEDED, RUNNING
 * </pre>
 *
 * Each arrow takes {@code transitionMillis} on the sandbox's compute clock pattern (a timer, times
 * read from a {@link ComputeClock}). "Start the last active deployment of the app" (start-app.md):
 * a stopped app that was deployed before is deployed again from the same source once its compute is
 * up, as the service does (databricks/cli#2153: "Apps backend start it and does the auto-deploy of
 * the last active deployment"). Nothing runs: an app is a record with states, and its URL is never
 * served. Apps and their deployments survive a restart with {@code --sandbox-dir}.
 */
public final class Apps implements PersistentState {
  /** Messages as the service writes them (recorded in databricks/cli's test server fixtures). */
  static final String COMPUTE_ACTIVE = "App compute is active.";

  static final String COMPUTE_STARTING = "App compute is starting.";
  static final String COMPUTE_STOPPING = "App compute is stopping.";
  static final String COMPUTE_STOPPED = "App compute is stopped.";
  static final String APP_RUNNING = "App has status: App is running";
  static final String APP_UNAVAILABLE = "App status is unavailable.";
  static final String APP_NOT_DEPLOYED =
      "App has not been deployed yet. Run your app by deploying source code";
  static final String APP_DEPLOYING = "App is being deployed.";
  static final String DEPLOYMENT_IN_PROGRESS = "Preparing source code for new app deployment.";
  static final String DEPLOYMENT_SUCCEEDED = "App started successfully";

  private static final String ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final long transitionMillis;
  private final ComputeClock clock;
  private final Map<String, Kept> apps = new LinkedHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "sandbox-apps");
            t.setDaemon(true);
            return t;
          });
  private boolean restored;

  /** An app as kept: what the API shows and its deployments, newest first. */
  private static final class Kept {
    App app;
    List<AppDeployment> deployments = new ArrayList<>();

    /** Bumped by every transition, so a scheduled step of an earlier one does nothing. */
    long generation;
  }

  public Apps(long transitionMillis, ComputeClock clock) {
    this.transitionMillis = transitionMillis;
    this.clock = clock;
  }

  /** Whether the apps came back from {@code --sandbox-dir} (then no samples are added). */
  public synchronized boolean restored() {
    return restored;
  }

  /**
   * A new app of {@code spec}'s name, description and resources, owned by {@code creator}, with a
   * service principal of its own ("Each app acts as its own dedicated service principal", app.md),
   * its compute starting unless {@code noCompute}.
   */
  public synchronized App create(App spec, String creator, boolean noCompute) {
    String name = spec.getName();
    if (apps.containsKey(name)) {
      // the service's answer, as recorded in databricks/cli's test server
      throw new ApiException(
          ErrorCode.RESOURCE_ALREADY_EXISTS, "An app with the same name already exists: " + name);
    }
    String now = now();
    App app =
        new App()
            .setName(name)
            .setDescription(spec.getDescription())
            .setResources(spec.getResources())
            .setComputeSize(
                spec.getComputeSize() == null ? ComputeSize.MEDIUM : spec.getComputeSize())
            .setId(UUID.randomUUID().toString())
            .setUrl(url(name))
            .setCreator(creator)
            .setCreateTime(now)
            .setUpdater(creator)
            .setUpdateTime(now)
            .setServicePrincipalId(servicePrincipalId())
            .setServicePrincipalClientId(UUID.randomUUID().toString())
            .setServicePrincipalName("app-" + shortId() + " " + name)
            .setAppStatus(status(ApplicationState.UNAVAILABLE, APP_NOT_DEPLOYED));
    Kept kept = new Kept();
    kept.app = app;
    apps.put(name, kept);
    if (noCompute) {
      app.setComputeStatus(compute(ComputeState.STOPPED, COMPUTE_STOPPED));
    } else {
      toStarting(kept);
    }
    return copy(app);
  }

  /** The app (a copy); an unknown name is RESOURCE_DOES_NOT_EXIST. */
  public synchronized App get(String name) {
    return copy(kept(name).app);
  }

  /** Every app, oldest first, as copies. */
  public synchronized List<App> list() {
    return apps.values().stream().map(k -> copy(k.app)).toList();
  }

  /** Who created the app: with workspace admins, who may manage it. */
  public synchronized String creator(String name) {
    return kept(name).app.getCreator();
  }

  /**
   * Changes what update-app.md lets a caller change, those given: description, resources, compute
   * size; a field left out keeps its value.
   */
  public synchronized App update(String name, App fields, String updater) {
    App app = kept(name).app;
    if (fields.getDescription() != null) {
      app.setDescription(fields.getDescription());
    }
    if (fields.getResources() != null) {
      app.setResources(fields.getResources());
    }
    if (fields.getComputeSize() != null) {
      app.setComputeSize(fields.getComputeSize());
    }
    app.setUpdater(updater).setUpdateTime(now());
    return copy(app);
  }

  /** Removes the app; the answer is the app as it was, its compute DELETING. */
  public synchronized App delete(String name) {
    Kept kept = kept(name);
    kept.generation++;
    apps.remove(name);
    return copy(kept.app).setComputeStatus(compute(ComputeState.DELETING, "App is being deleted."));
  }

  /**
   * Starts a STOPPED (or ERROR) app's compute. An app already ACTIVE or STARTING is answered as it
   * is, so that the SDK's waiter for ACTIVE simply finishes; one STOPPING (or DELETING) is refused
   * with INVALID_STATE (start-app.md is silent on both: the sandbox's choice).
   */
  public synchronized App start(String name) {
    Kept kept = kept(name);
    ComputeState state = kept.app.getComputeStatus().getState();
    if (state == ComputeState.STOPPED || state == ComputeState.ERROR) {
      toStarting(kept);
    } else if (state != ComputeState.ACTIVE && state != ComputeState.STARTING) {
      throw notWhile(name, "start", state);
    }
    return copy(kept.app);
  }

  /**
   * Stops an ACTIVE, STARTING or ERROR app's compute; a deployment in progress is cancelled. An app
   * already STOPPED or STOPPING is answered as it is; a DELETING one is refused with INVALID_STATE
   * (stop-app.md is silent: the sandbox's choice). The active deployment stays, for the next start.
   */
  public synchronized App stop(String name) {
    Kept kept = kept(name);
    ComputeState state = kept.app.getComputeStatus().getState();
    if (state == ComputeState.STOPPED || state == ComputeState.STOPPING) {
      return copy(kept.app);
    }
    if (state == ComputeState.DELETING) {
      throw notWhile(name, "stop", state);
    }
    AppDeployment pending = kept.app.getPendingDeployment();
    if (pending != null) {
      pending
          .setStatus(deploymentStatus(AppDeploymentState.CANCELLED, "The app was stopped."))
          .setUpdateTime(now());
      kept.app.setPendingDeployment(null);
    }
    kept.app
        .setComputeStatus(compute(ComputeState.STOPPING, COMPUTE_STOPPING))
        .setAppStatus(status(ApplicationState.UNAVAILABLE, APP_UNAVAILABLE));
    long generation = ++kept.generation;
    later(
        kept,
        generation,
        () -> kept.app.setComputeStatus(compute(ComputeState.STOPPED, COMPUTE_STOPPED)));
    return copy(kept.app);
  }

  /**
   * A new deployment from {@code sourceCodePath}: IN_PROGRESS (the app's pending deployment, the
   * app DEPLOYING), SUCCEEDED after one transition (the active deployment, the app RUNNING). Only
   * on ACTIVE compute, and one at a time: "Cannot deploy app … as there is an active deployment in
   * progress." is the service's message; INVALID_STATE for both is the sandbox's choice of code.
   */
  public synchronized AppDeployment deploy(
      String name, String sourceCodePath, AppDeploymentMode mode, String creator) {
    Kept kept = kept(name);
    if (kept.app.getComputeStatus().getState() != ComputeState.ACTIVE) {
      throw new ApiException(
          ErrorCode.INVALID_STATE,
          "Cannot deploy app "
              + name
              + " as the app compute is "
              + kept.app.getComputeStatus().getState()
              + ": start the app first.");
    }
    if (kept.app.getPendingDeployment() != null) {
      throw new ApiException(
          ErrorCode.INVALID_STATE,
          "Cannot deploy app " + name + " as there is an active deployment in progress.");
    }
    AppDeployment deployment = newDeployment(kept, sourceCodePath, mode, creator);
    return Json.MAPPER.convertValue(deployment, AppDeployment.class);
  }

  /** The app's deployments, newest first, as copies. */
  public synchronized List<AppDeployment> deployments(String name) {
    return Json.MAPPER.convertValue(
        kept(name).deployments, new TypeReference<List<AppDeployment>>() {});
  }

  /** One deployment; an unknown id is RESOURCE_DOES_NOT_EXIST. */
  public synchronized AppDeployment deployment(String name, String deploymentId) {
    return kept(name).deployments.stream()
        .filter(d -> d.getDeploymentId().equals(deploymentId))
        .findFirst()
        .map(d -> Json.MAPPER.convertValue(d, AppDeployment.class))
        .orElseThrow(
            () ->
                new ApiException(
                    ErrorCode.RESOURCE_DOES_NOT_EXIST,
                    "Deployment "
                        + deploymentId
                        + " of app "
                        + name
                        + " does not exist or is deleted."));
  }

  /** A sample app, already running its deployment (start-up data, not an API call). */
  synchronized void addRunning(App spec, String creator, String sourceCodePath) {
    create(spec, creator, true);
    Kept kept = apps.get(spec.getName());
    kept.generation++;
    AppDeployment done =
        deploymentOf(kept, sourceCodePath, AppDeploymentMode.SNAPSHOT, creator)
            .setStatus(deploymentStatus(AppDeploymentState.SUCCEEDED, DEPLOYMENT_SUCCEEDED));
    kept.deployments.add(0, done);
    kept.app
        .setActiveDeployment(done)
        .setDefaultSourceCodePath(sourceCodePath)
        .setComputeStatus(compute(ComputeState.ACTIVE, COMPUTE_ACTIVE))
        .setAppStatus(status(ApplicationState.RUNNING, APP_RUNNING));
  }

  /** A sample app, stopped after an earlier deployment (start-up data, not an API call). */
  synchronized void addStopped(App spec, String creator, String sourceCodePath) {
    addRunning(spec, creator, sourceCodePath);
    apps.get(spec.getName())
        .app
        .setComputeStatus(compute(ComputeState.STOPPED, COMPUTE_STOPPED))
        .setAppStatus(status(ApplicationState.UNAVAILABLE, APP_UNAVAILABLE));
  }

  private void toStarting(Kept kept) {
    kept.app.setComputeStatus(compute(ComputeState.STARTING, COMPUTE_STARTING));
    long generation = ++kept.generation;
    later(kept, generation, () -> toActive(kept));
  }

  private void toActive(Kept kept) {
    kept.app.setComputeStatus(compute(ComputeState.ACTIVE, COMPUTE_ACTIVE));
    AppDeployment last = kept.app.getActiveDeployment();
    if (last != null) {
      newDeployment(kept, last.getSourceCodePath(), last.getMode(), last.getCreator());
    }
  }

  private AppDeployment newDeployment(
      Kept kept, String sourceCodePath, AppDeploymentMode mode, String creator) {
    AppDeployment deployment = deploymentOf(kept, sourceCodePath, mode, creator);
    kept.deployments.add(0, deployment);
    kept.app
        .setPendingDeployment(deployment)
        .setAppStatus(status(ApplicationState.DEPLOYING, APP_DEPLOYING));
    long generation = ++kept.generation;
    later(
        kept,
        generation,
        () -> {
          deployment
              .setStatus(deploymentStatus(AppDeploymentState.SUCCEEDED, DEPLOYMENT_SUCCEEDED))
              .setUpdateTime(now());
          kept.app
              .setActiveDeployment(deployment)
              .setPendingDeployment(null)
              .setDefaultSourceCodePath(sourceCodePath)
              .setAppStatus(status(ApplicationState.RUNNING, APP_RUNNING));
        });
    return deployment;
  }

  /**
   * A deployment IN_PROGRESS; its artifacts are copied under the app's service principal's home,
   * {@code /Workspace/Users/<client id>/src/<deployment id>}, as the service copies them.
   */
  private AppDeployment deploymentOf(
      Kept kept, String sourceCodePath, AppDeploymentMode mode, String creator) {
    String id = deploymentId();
    String now = now();
    return new AppDeployment()
        .setDeploymentId(id)
        .setSourceCodePath(sourceCodePath)
        .setMode(mode == null ? AppDeploymentMode.SNAPSHOT : mode)
        .setDeploymentArtifacts(
            new AppDeploymentArtifacts()
                .setSourceCodePath(
                    "/Workspace/Users/" + kept.app.getServicePrincipalClientId() + "/src/" + id))
        .setStatus(deploymentStatus(AppDeploymentState.IN_PROGRESS, DEPLOYMENT_IN_PROGRESS))
        .setCreator(creator)
        .setCreateTime(now)
        .setUpdateTime(now);
  }

  private void later(Kept kept, long generation, Runnable step) {
    timer.schedule(
        () -> {
          synchronized (this) {
            if (kept.generation == generation && apps.get(kept.app.getName()) == kept) {
              step.run();
            }
          }
        },
        transitionMillis,
        TimeUnit.MILLISECONDS);
  }

  private Kept kept(String name) {
    Kept kept = name == null ? null : apps.get(name);
    if (kept == null) {
      throw new ApiException(
          ErrorCode.RESOURCE_DOES_NOT_EXIST,
          "App with name " + name + " does not exist or is deleted.");
    }
    return kept;
  }

  private static ApiException notWhile(String name, String action, ComputeState state) {
    return new ApiException(
        ErrorCode.INVALID_STATE,
        "Cannot " + action + " app " + name + " while its compute is " + state + ".");
  }

  /**
   * The app's address as an AWS workspace gives it, {@code https://<name>-<workspace id>.aws
   * .databricksapps.com} (e.g. https://dev-customer-support-agent-3888667486068890.aws
   * .databricksapps.com); the sandbox never serves it.
   */
  static String url(String name) {
    return "https://" + name + "-" + Identities.WORKSPACE_ID + ".aws.databricksapps.com";
  }

  private String now() {
    return Instant.ofEpochMilli(clock.millis()).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** 32 hex digits, as the documented example 01ef0bda89f21f08a8351f41e4a9b948. */
  private String deploymentId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** A 14-digit service principal id, as Databricks gives them. */
  private long servicePrincipalId() {
    return 70_000_000_000_000L + (random.nextLong() >>> 1) % 9_999_999_999_999L;
  }

  /** Six lower-case letters and digits, as in a real app's "app-15svjw my-app". */
  private String shortId() {
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      id.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
    }
    return id.toString();
  }

  private static ComputeStatus compute(ComputeState state, String message) {
    return new ComputeStatus().setState(state).setMessage(message);
  }

  private static ApplicationStatus status(ApplicationState state, String message) {
    return new ApplicationStatus().setState(state).setMessage(message);
  }

  private static AppDeploymentStatus deploymentStatus(AppDeploymentState state, String message) {
    return new AppDeploymentStatus().setState(state).setMessage(message);
  }

  private static App copy(App app) {
    return Json.MAPPER.convertValue(app, App.class);
  }

  @Override
  public String persistenceName() {
    return "apps";
  }

  @Override
  public synchronized JsonNode save() {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (Kept kept : apps.values()) {
      out.addObject()
          .<com.fasterxml.jackson.databind.node.ObjectNode>set(
              "app", Json.MAPPER.valueToTree(kept.app))
          .set("deployments", Json.MAPPER.valueToTree(kept.deployments));
    }
    return out;
  }

  /**
   * Takes the apps back; one caught in a transition when the sandbox stopped finishes it after one
   * more transition time (a deployment in progress is deployed again).
   */
  @Override
  public synchronized void restore(JsonNode saved) {
    apps.values().forEach(k -> k.generation++);
    apps.clear();
    restored = true;
    for (JsonNode one : saved) {
      Kept kept = new Kept();
      kept.app = Json.MAPPER.convertValue(one.get("app"), App.class);
      kept.deployments =
          Json.MAPPER.convertValue(
              one.get("deployments"), new TypeReference<List<AppDeployment>>() {});
      apps.put(kept.app.getName(), kept);
      resume(kept);
    }
  }

  private void resume(Kept kept) {
    ComputeState state = kept.app.getComputeStatus().getState();
    if (state == ComputeState.STARTING) {
      toStarting(kept);
    } else if (state == ComputeState.STOPPING) {
      kept.app.setComputeStatus(compute(ComputeState.STOPPED, COMPUTE_STOPPED));
    } else if (kept.app.getPendingDeployment() != null) {
      AppDeployment pending = kept.app.getPendingDeployment();
      kept.deployments.removeIf(d -> d.getDeploymentId().equals(pending.getDeploymentId()));
      kept.app.setPendingDeployment(null);
      newDeployment(kept, pending.getSourceCodePath(), pending.getMode(), pending.getCreator());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
