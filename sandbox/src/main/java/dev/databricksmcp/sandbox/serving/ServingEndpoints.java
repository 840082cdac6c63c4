package dev.databricksmcp.sandbox.serving;

import com.databricks.sdk.service.serving.EndpointCoreConfigInput;
import com.databricks.sdk.service.serving.EndpointCoreConfigOutput;
import com.databricks.sdk.service.serving.EndpointPendingConfig;
import com.databricks.sdk.service.serving.EndpointState;
import com.databricks.sdk.service.serving.EndpointStateConfigUpdate;
import com.databricks.sdk.service.serving.EndpointStateReady;
import com.databricks.sdk.service.serving.EndpointTag;
import com.databricks.sdk.service.serving.ServedEntityOutput;
import com.databricks.sdk.service.serving.ServedModelState;
import com.databricks.sdk.service.serving.ServedModelStateDeployment;
import com.databricks.sdk.service.serving.ServingEndpointDetailed;
import com.databricks.sdk.service.serving.ServingEndpointDetailedPermissionLevel;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.state.PersistentState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Serving endpoints and their state machine, as the Serving Endpoints API shows them
 * (https://docs.databricks.com/api/model-serving/v1/serving-endpoint.md):
 *
 * <pre>
 * create ─► NOT_READY / IN_PROGRESS (pending_config) ─► READY / NOT_UPDATING (config)
 *                                                   └─► NOT_READY / UPDATE_FAILED (build logs say why)
 * update config of a READY endpoint ─► READY / IN_PROGRESS ─► READY / NOT_UPDATING (config_version + 1)
 *                                                         └─► READY / UPDATE_FAILED (old config kept)
 * </pre>
 *
 * A build takes {@code transitionMillis} (the sandbox's compute transition time: serving runs on
 * serverless compute). It fails when a served entity names a Unity Catalog model version {@link
 * ServedModelVersions} does not know; the failed entities stay in {@code pending_config} with
 * DEPLOYMENT_FAILED and their message (a choice: the reference does not say what a failed update
 * leaves there). The pay-per-token foundation models are built-in endpoints, READY from the start,
 * neither updated nor deleted. Endpoints, their logs and build logs survive a restart with {@code
 * --sandbox-dir}; a build caught by the stop finishes one transition after the start.
 */
public final class ServingEndpoints implements PersistentState {
  /** Log lines kept per served entity, the oldest dropped first. */
  static final int MAX_LOG_LINES = 500;

  private final long transitionMillis;
  private final ServedModelVersions versions;
  private final Map<String, Kept> endpoints = new LinkedHashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "sandbox-serving");
            t.setDaemon(true);
            return t;
          });

  /** An endpoint as kept: what the API shows, and the logs of each served entity by name. */
  private static final class Kept {
    ServingEndpointDetailed endpoint;
    Map<String, List<String>> logs = new LinkedHashMap<>();
    Map<String, List<String>> buildLogs = new LinkedHashMap<>();
    boolean builtIn;

    /** Bumped by every build, so a scheduled end of an earlier one does nothing. */
    long generation;
  }

  public ServingEndpoints(long transitionMillis, ServedModelVersions versions) {
    this.transitionMillis = transitionMillis;
    this.versions = versions;
    addBuiltIns();
  }

  private void addBuiltIns() {
    for (FoundationModels model : FoundationModels.ALL) {
      Kept kept = new Kept();
      kept.builtIn = true;
      ServedEntityOutput entity =
          EndpointConfigs.check(
                  new EndpointCoreConfigInput()
                      .setServedEntities(
                          List.of(
                              new com.databricks.sdk.service.serving.ServedEntityInput()
                                  .setEntityName(model.name()))),
                  "system",
                  0L)
              .entities()
              .get(0);
      entity.setState(ready());
      kept.endpoint =
          new ServingEndpointDetailed()
              .setName(model.name())
              .setId(UUID.nameUUIDFromBytes(model.name().getBytes()).toString().replace("-", ""))
              .setCreator("system")
              .setCreationTimestamp(0L)
              .setLastUpdatedTimestamp(0L)
              .setTask(model.task())
              .setDescription(model.displayName() + " (pay-per-token; a sandbox stand-in)")
              .setConfig(
                  new EndpointCoreConfigOutput()
                      .setConfigVersion(1L)
                      .setServedEntities(List.of(entity)))
              .setState(state(EndpointStateReady.READY, EndpointStateConfigUpdate.NOT_UPDATING));
      kept.logs.put(entity.getName(), new ArrayList<>(startLines(entity)));
      kept.buildLogs.put(entity.getName(), new ArrayList<>(buildLines(entity, null)));
      endpoints.put(model.name(), kept);
    }
  }

  /** A new endpoint, building its configuration: NOT_READY, IN_PROGRESS. */
  public synchronized ServingEndpointDetailed create(
      String name,
      EndpointCoreConfigInput config,
      Collection<EndpointTag> tags,
      String description,
      String user) {
    EndpointConfigs.requireName(name);
    long now = System.currentTimeMillis();
    EndpointConfigs.Checked checked = EndpointConfigs.check(config, user, now);
    if (endpoints.containsKey(name)) {
      throw new ApiException(
          ErrorCode.RESOURCE_ALREADY_EXISTS, "Endpoint with name '" + name + "' already exists.");
    }
    Kept kept = new Kept();
    kept.endpoint =
        new ServingEndpointDetailed()
            .setName(name)
            .setId(UUID.randomUUID().toString().replace("-", ""))
            .setCreator(user)
            .setCreationTimestamp(now)
            .setLastUpdatedTimestamp(now)
            .setTask(checked.task())
            .setTags(tags)
            .setDescription(description)
            .setPermissionLevel(ServingEndpointDetailedPermissionLevel.CAN_MANAGE)
            .setState(state(EndpointStateReady.NOT_READY, EndpointStateConfigUpdate.IN_PROGRESS));
    endpoints.put(name, kept);
    build(kept, checked, 1L, now);
    return copy(kept.endpoint);
  }

  /**
   * Replaces the endpoint's configuration: a new build, the current config served until it ends. An
   * endpoint with an update in progress is refused (409 RESOURCE_CONFLICT: the reference says
   * another update cannot be made; the code is the sandbox's choice).
   */
  public synchronized ServingEndpointDetailed updateConfig(
      String name, EndpointCoreConfigInput config, String user) {
    Kept kept = kept(name);
    refuseBuiltIn(kept, "updated");
    if (kept.endpoint.getState().getConfigUpdate() == EndpointStateConfigUpdate.IN_PROGRESS) {
      throw new ApiException(
          ErrorCode.RESOURCE_CONFLICT,
          "Endpoint '"
              + name
              + "' already has an update in progress; wait until it completes or fails.");
    }
    long now = System.currentTimeMillis();
    EndpointConfigs.Checked checked = EndpointConfigs.check(config, user, now);
    EndpointCoreConfigOutput current = kept.endpoint.getConfig();
    kept.endpoint
        .setLastUpdatedTimestamp(now)
        .setTask(checked.task())
        .setState(
            state(
                current == null ? EndpointStateReady.NOT_READY : EndpointStateReady.READY,
                EndpointStateConfigUpdate.IN_PROGRESS));
    long version = current == null ? 1L : current.getConfigVersion() + 1;
    build(kept, checked, version, now);
    return copy(kept.endpoint);
  }

  public synchronized ServingEndpointDetailed get(String name) {
    return copy(kept(name).endpoint);
  }

  public synchronized List<ServingEndpointDetailed> list() {
    List<ServingEndpointDetailed> out = new ArrayList<>();
    endpoints.values().forEach(k -> out.add(copy(k.endpoint)));
    return out;
  }

  public synchronized void delete(String name) {
    Kept kept = kept(name);
    refuseBuiltIn(kept, "deleted");
    kept.generation++;
    endpoints.remove(name);
  }

  /**
   * The served entity a query goes to: one of the current config's, chosen by the traffic routes
   * with {@code pick} (0–99); an endpoint that is not READY is refused.
   */
  public synchronized ServedEntityOutput route(String name, int pick) {
    ServingEndpointDetailed e = kept(name).endpoint;
    if (e.getState().getReady() != EndpointStateReady.READY || e.getConfig() == null) {
      throw StandIns.badRequest(
          "Endpoint '"
              + name
              + "' is not ready to serve requests (ready: "
              + e.getState().getReady()
              + ", config_update: "
              + e.getState().getConfigUpdate()
              + ").");
    }
    EndpointCoreConfigOutput config = e.getConfig();
    long at = 0;
    String target = null;
    for (var r :
        config.getTrafficConfig() == null
            ? List.<com.databricks.sdk.service.serving.Route>of()
            : config.getTrafficConfig().getRoutes()) {
      at += r.getTrafficPercentage();
      if (pick < at) {
        target = r.getServedEntityName() != null ? r.getServedEntityName() : r.getServedModelName();
        break;
      }
    }
    for (ServedEntityOutput s : config.getServedEntities()) {
      if (target == null || s.getName().equals(target)) {
        return Json.MAPPER.convertValue(s, ServedEntityOutput.class);
      }
    }
    throw new IllegalStateException("no served entity for route " + target);
  }

  /** Adds a line to a served entity's logs (a query it answered). */
  public synchronized void log(String endpoint, String servedEntity, String line) {
    Kept kept = endpoints.get(endpoint);
    if (kept != null) {
      append(kept.logs.computeIfAbsent(servedEntity, n -> new ArrayList<>()), line);
    }
  }

  /** The server logs of a served entity of the endpoint (current or pending config). */
  public synchronized String logs(String endpoint, String servedEntity) {
    return String.join("\n", lines(kept(endpoint), servedEntity, false));
  }

  /** The build logs of a served entity of the endpoint (current or pending config). */
  public synchronized String buildLogs(String endpoint, String servedEntity) {
    return String.join("\n", lines(kept(endpoint), servedEntity, true));
  }

  private List<String> lines(Kept kept, String servedEntity, boolean build) {
    boolean known =
        entities(kept.endpoint).stream().anyMatch(s -> s.getName().equals(servedEntity));
    if (!known) {
      throw new ApiException(
          ErrorCode.RESOURCE_DOES_NOT_EXIST,
          "Served model '"
              + servedEntity
              + "' does not exist in endpoint '"
              + kept.endpoint.getName()
              + "'.");
    }
    List<String> lines = (build ? kept.buildLogs : kept.logs).get(servedEntity);
    return lines == null ? List.of() : lines;
  }

  private static List<ServedEntityOutput> entities(ServingEndpointDetailed e) {
    List<ServedEntityOutput> all = new ArrayList<>();
    if (e.getConfig() != null && e.getConfig().getServedEntities() != null) {
      all.addAll(e.getConfig().getServedEntities());
    }
    if (e.getPendingConfig() != null && e.getPendingConfig().getServedEntities() != null) {
      all.addAll(e.getPendingConfig().getServedEntities());
    }
    return all;
  }

  private void build(Kept kept, EndpointConfigs.Checked checked, long configVersion, long now) {
    for (ServedEntityOutput s : checked.entities()) {
      s.setState(
          new ServedModelState()
              .setDeployment(ServedModelStateDeployment.DEPLOYMENT_CREATING)
              .setDeploymentStateMessage("Creating the served entity's environment."));
      kept.buildLogs.put(s.getName(), new ArrayList<>(buildLines(s, null).subList(0, 1)));
    }
    kept.endpoint.setPendingConfig(
        new EndpointPendingConfig()
            .setConfigVersion(configVersion)
            .setStartTime(now)
            .setServedEntities(checked.entities())
            .setTrafficConfig(checked.traffic()));
    long generation = ++kept.generation;
    timer.schedule(() -> finish(kept, generation), transitionMillis, TimeUnit.MILLISECONDS);
  }

  private synchronized void finish(Kept kept, long generation) {
    if (kept.generation != generation || !endpoints.containsValue(kept)) {
      return;
    }
    EndpointPendingConfig pending = kept.endpoint.getPendingConfig();
    boolean failed = false;
    for (ServedEntityOutput s : pending.getServedEntities()) {
      String why = failure(s);
      List<String> build = kept.buildLogs.computeIfAbsent(s.getName(), n -> new ArrayList<>());
      List<String> steps = buildLines(s, why);
      build.addAll(steps.subList(1, steps.size())); // its first line was written when it began
      if (why == null) {
        s.setState(ready());
      } else {
        failed = true;
        s.setState(
            new ServedModelState()
                .setDeployment(ServedModelStateDeployment.DEPLOYMENT_FAILED)
                .setDeploymentStateMessage(why));
      }
    }
    EndpointCoreConfigOutput current = kept.endpoint.getConfig();
    if (failed) {
      for (ServedEntityOutput s : pending.getServedEntities()) {
        if (s.getState().getDeployment() == ServedModelStateDeployment.DEPLOYMENT_READY) {
          s.setState(
              new ServedModelState()
                  .setDeployment(ServedModelStateDeployment.DEPLOYMENT_ABORTED)
                  .setDeploymentStateMessage("Another served entity of this update failed."));
        }
      }
      kept.endpoint.setState(
          state(
              current == null ? EndpointStateReady.NOT_READY : EndpointStateReady.READY,
              EndpointStateConfigUpdate.UPDATE_FAILED));
      return;
    }
    for (ServedEntityOutput s : pending.getServedEntities()) {
      List<String> log = new ArrayList<>(startLines(s));
      kept.logs.put(s.getName(), log);
    }
    kept.endpoint
        .setConfig(
            new EndpointCoreConfigOutput()
                .setConfigVersion(pending.getConfigVersion())
                .setServedEntities(pending.getServedEntities())
                .setTrafficConfig(pending.getTrafficConfig()))
        .setPendingConfig(null)
        .setState(state(EndpointStateReady.READY, EndpointStateConfigUpdate.NOT_UPDATING));
  }

  /** Why a served entity's build fails, or null when it builds. */
  private String failure(ServedEntityOutput s) {
    if (s.getFoundationModel() != null
        || versions.exists(s.getEntityName(), s.getEntityVersion())) {
      return null;
    }
    return "Model version "
        + s.getEntityName()
        + " version "
        + s.getEntityVersion()
        + " does not exist, or the endpoint's creator cannot read it.";
  }

  private static List<String> buildLines(ServedEntityOutput s, String failure) {
    List<String> lines = new ArrayList<>();
    lines.add(line("Building the environment of " + describe(s) + "."));
    if (s.getFoundationModel() != null) {
      lines.add(line("Foundation model " + s.getEntityName() + ": nothing to build."));
      lines.add(line("Build finished."));
      return lines;
    }
    if (failure != null) {
      lines.add(
          line(
              "Downloading the model artifacts of "
                  + s.getEntityName()
                  + " version "
                  + s.getEntityVersion()
                  + "."));
      lines.add(line("ERROR: " + failure));
      lines.add(line("Build failed."));
      return lines;
    }
    lines.add(
        line(
            "Downloading the model artifacts of "
                + s.getEntityName()
                + " version "
                + s.getEntityVersion()
                + "."));
    lines.add(line("Installing the model's Python environment (mlflow, cloudpickle)."));
    lines.add(line("Build finished."));
    return lines;
  }

  private static List<String> startLines(ServedEntityOutput s) {
    return List.of(
        line("Starting the model server for " + describe(s) + "."),
        line("Listening at: http://0.0.0.0:8080"),
        line("Answers come from the sandbox's stand-in, not from a model."));
  }

  private static String describe(ServedEntityOutput s) {
    return s.getFoundationModel() != null
        ? "foundation model " + s.getEntityName()
        : s.getEntityName()
            + " version "
            + s.getEntityVersion()
            + " ("
            + s.getWorkloadSize()
            + (Boolean.TRUE.equals(s.getScaleToZeroEnabled()) ? ", scale to zero)" : ")");
  }

  /** A log line as the sandbox writes them: marked, with the time. */
  static String line(String text) {
    return "[sandbox] [" + Instant.now() + "] " + text;
  }

  private static void append(List<String> lines, String line) {
    lines.add(line);
    if (lines.size() > MAX_LOG_LINES) {
      lines.remove(0);
    }
  }

  private static ServedModelState ready() {
    return new ServedModelState()
        .setDeployment(ServedModelStateDeployment.DEPLOYMENT_READY)
        .setDeploymentStateMessage("");
  }

  private static EndpointState state(EndpointStateReady ready, EndpointStateConfigUpdate update) {
    return new EndpointState().setReady(ready).setConfigUpdate(update);
  }

  private static void refuseBuiltIn(Kept kept, String what) {
    if (kept.builtIn) {
      throw ApiException.denied(
          "Endpoint '"
              + kept.endpoint.getName()
              + "' is a Databricks-managed pay-per-token endpoint and cannot be "
              + what
              + ".");
    }
  }

  private Kept kept(String name) {
    Kept kept = name == null ? null : endpoints.get(name);
    if (kept == null) {
      throw new ApiException(
          ErrorCode.RESOURCE_DOES_NOT_EXIST, "Endpoint with name '" + name + "' does not exist.");
    }
    return kept;
  }

  private static ServingEndpointDetailed copy(ServingEndpointDetailed e) {
    return Json.MAPPER.convertValue(e, ServingEndpointDetailed.class);
  }

  @Override
  public String persistenceName() {
    return "serving-endpoints";
  }

  /**
   * Each endpoint created through the API, with its logs and build logs (built-ins are rebuilt).
   */
  @Override
  public synchronized JsonNode save() {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (Kept kept : endpoints.values()) {
      if (kept.builtIn) {
        continue;
      }
      ObjectNode one = out.addObject();
      one.set("endpoint", Json.MAPPER.valueToTree(kept.endpoint));
      one.set("logs", Json.MAPPER.valueToTree(kept.logs));
      one.set("build_logs", Json.MAPPER.valueToTree(kept.buildLogs));
    }
    return out;
  }

  @Override
  public synchronized void restore(JsonNode saved) {
    endpoints.values().forEach(k -> k.generation++);
    endpoints.clear();
    addBuiltIns();
    TypeReference<Map<String, List<String>>> lines = new TypeReference<>() {};
    for (JsonNode one : saved) {
      Kept kept = new Kept();
      kept.endpoint = Json.MAPPER.convertValue(one.get("endpoint"), ServingEndpointDetailed.class);
      kept.logs = new LinkedHashMap<>(Json.MAPPER.convertValue(one.get("logs"), lines));
      kept.buildLogs = new LinkedHashMap<>(Json.MAPPER.convertValue(one.get("build_logs"), lines));
      endpoints.put(kept.endpoint.getName(), kept);
      if (kept.endpoint.getState().getConfigUpdate() == EndpointStateConfigUpdate.IN_PROGRESS) {
        long generation = ++kept.generation;
        timer.schedule(() -> finish(kept, generation), transitionMillis, TimeUnit.MILLISECONDS);
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
