package dev.databricksmcp.sandbox.pipelines;

import com.databricks.sdk.service.pipelines.CreatePipeline;
import com.databricks.sdk.service.pipelines.CreatePipelineResponse;
import com.databricks.sdk.service.pipelines.EditPipeline;
import com.databricks.sdk.service.pipelines.GetPipelineResponse;
import com.databricks.sdk.service.pipelines.GetUpdateResponse;
import com.databricks.sdk.service.pipelines.ListPipelineEventsResponse;
import com.databricks.sdk.service.pipelines.ListPipelinesResponse;
import com.databricks.sdk.service.pipelines.ListUpdatesResponse;
import com.databricks.sdk.service.pipelines.PipelineEvent;
import com.databricks.sdk.service.pipelines.PipelineSpec;
import com.databricks.sdk.service.pipelines.PipelineState;
import com.databricks.sdk.service.pipelines.PipelineStateInfo;
import com.databricks.sdk.service.pipelines.StartUpdate;
import com.databricks.sdk.service.pipelines.StartUpdateResponse;
import com.databricks.sdk.service.pipelines.UpdateInfo;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.compute.ComputeClock;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.http.PageTokens;
import dev.databricksmcp.sandbox.http.Router;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Pipelines API 2.0 (https://docs.databricks.com/api/workspace/pipelines): create, list, get,
 * edit, delete, start and stop an update, list and get updates, list events. A pipeline is seen and
 * managed by its creator and by workspace admins (the sandbox has no pipeline permissions API).
 */
public final class PipelinesApi implements ApiModule {
  static final String BASE = "/api/2.0/pipelines";
  private static final int MAX_PIPELINES_PAGE = 100;
  private static final int DEFAULT_PIPELINES_PAGE = 25;
  private static final int MAX_EVENTS_PAGE = 1000;
  private static final int DEFAULT_EVENTS_PAGE = 100;
  private static final int DEFAULT_UPDATES_PAGE = 25;

  private final Pipelines pipelines;
  private final UpdateLauncher launcher;
  private final TableCascade cascade;
  private final ComputeClock clock;

  PipelinesApi(
      Pipelines pipelines, UpdateLauncher launcher, TableCascade cascade, ComputeClock clock) {
    this.pipelines = pipelines;
    this.launcher = launcher;
    this.cascade = cascade;
    this.clock = clock;
  }

  @Override
  public void register(Router router) {
    router.post(BASE, this::create);
    router.get(BASE, this::list);
    router.get(BASE + "/{pipeline_id}", r -> pipelines.view(managed(r)));
    router.put(BASE + "/{pipeline_id}", this::edit);
    router.delete(BASE + "/{pipeline_id}", this::delete);
    router.post(BASE + "/{pipeline_id}/updates", this::start);
    router.get(BASE + "/{pipeline_id}/updates", this::listUpdates);
    router.get(BASE + "/{pipeline_id}/updates/{update_id}", this::getUpdate);
    router.post(BASE + "/{pipeline_id}/stop", this::stop);
    router.get(BASE + "/{pipeline_id}/events", this::events);
  }

  private CreatePipelineResponse create(ApiRequest r) {
    CreatePipeline req = r.bodyAs(CreatePipeline.class);
    PipelineSpec spec = Json.MAPPER.convertValue(req, PipelineSpec.class);
    String id = UUID.randomUUID().toString();
    validate(spec, null, req.getAllowDuplicateNames());
    spec.setId(id);
    if (Boolean.TRUE.equals(req.getDryRun())) {
      return new CreatePipelineResponse().setPipelineId(id).setEffectiveSettings(spec);
    }
    String user = r.principal().userName();
    pipelines.add(
        new PipelineRecord(
            new GetPipelineResponse()
                .setPipelineId(id)
                .setName(spec.getName())
                .setSpec(spec)
                .setState(PipelineState.IDLE)
                .setCreatorUserName(user)
                .setRunAsUserName(user)
                .setLastModified(clock.millis())));
    return new CreatePipelineResponse().setPipelineId(id).setEffectiveSettings(spec);
  }

  private Map<String, Object> edit(ApiRequest r) {
    PipelineRecord p = managed(r);
    EditPipeline req = r.bodyAs(EditPipeline.class);
    PipelineSpec spec = Json.MAPPER.convertValue(req, PipelineSpec.class);
    validate(spec, p.id(), req.getAllowDuplicateNames());
    spec.setId(p.id());
    synchronized (pipelines) {
      p.pipeline.setSpec(spec).setName(spec.getName()).setLastModified(clock.millis());
    }
    return Map.of();
  }

  private void validate(PipelineSpec spec, String self, Boolean allowDuplicates) {
    if (spec.getSchema() != null && spec.getTarget() != null) {
      throw ApiException.invalid("Only one of schema and target can be set.");
    }
    if (spec.getName() == null || spec.getName().isBlank()) {
      throw ApiException.invalid("Missing required field: name");
    }
    if (!Boolean.TRUE.equals(allowDuplicates)) {
      for (PipelineRecord other : pipelines.all()) {
        if (!other.id().equals(self) && spec.getName().equals(other.pipeline.getName())) {
          throw new ApiException(
              ErrorCode.RESOURCE_CONFLICT,
              "Pipeline name '"
                  + spec.getName()
                  + "' is already used by pipeline "
                  + other.id()
                  + ". Set allow_duplicate_names to create it anyway.");
        }
      }
    }
  }

  private ListPipelinesResponse list(ApiRequest r) {
    int max = max(r, DEFAULT_PIPELINES_PAGE, MAX_PIPELINES_PAGE);
    PipelineFilter filter = PipelineFilter.of(r.queryParam("filter").orElse(null));
    List<GetPipelineResponse> visible = new ArrayList<>();
    for (PipelineRecord p : pipelines.all()) {
      if (canManage(r.principal(), p) && filter.test(p.pipeline)) {
        visible.add(pipelines.view(p));
      }
    }
    boolean byName =
        r.query().getOrDefault("order_by", List.of()).stream()
            .anyMatch(o -> o.strip().toLowerCase(java.util.Locale.ROOT).startsWith("name"));
    visible.sort(
        byName
            ? Comparator.comparing(GetPipelineResponse::getName)
            : Comparator.comparing(GetPipelineResponse::getPipelineId));
    int offset = r.queryParam("page_token").map(PageTokens::offset).orElse(0);
    int to = Math.min(visible.size(), offset + max);
    List<PipelineStateInfo> page = new ArrayList<>();
    for (GetPipelineResponse p : visible.subList(Math.min(offset, visible.size()), to)) {
      page.add(PipelineViews.status(p));
    }
    return new ListPipelinesResponse()
        .setStatuses(page.isEmpty() ? null : page)
        .setNextPageToken(to < visible.size() ? PageTokens.of(to) : null);
  }

  private Map<String, Object> delete(ApiRequest r) {
    PipelineRecord p = managed(r);
    launcher.stop(p);
    boolean dropTables = r.queryParam("cascade").map(Boolean::parseBoolean).orElse(true);
    List<String> tables;
    synchronized (pipelines) {
      pipelines.remove(p.id());
      tables = List.copyOf(p.tables);
    }
    if (dropTables) {
      cascade.drop(p, tables);
    }
    return Map.of();
  }

  private StartUpdateResponse start(ApiRequest r) {
    PipelineRecord p = managed(r);
    StartUpdate req = r.bodyAs(StartUpdate.class);
    if (Boolean.TRUE.equals(req.getFullRefresh())
        && (notEmpty(req.getRefreshSelection()) || notEmpty(req.getFullRefreshSelection()))) {
      throw ApiException.invalid(
          "full_refresh cannot be combined with refresh_selection or full_refresh_selection.");
    }
    return new StartUpdateResponse().setUpdateId(launcher.start(p, req));
  }

  private Map<String, Object> stop(ApiRequest r) {
    launcher.stop(managed(r));
    return Map.of();
  }

  private ListUpdatesResponse listUpdates(ApiRequest r) {
    PipelineRecord p = managed(r);
    int max = max(r, DEFAULT_UPDATES_PAGE, MAX_PIPELINES_PAGE);
    List<UpdateInfo> newestFirst = new ArrayList<>();
    synchronized (pipelines) {
      for (int i = p.updates.size() - 1; i >= 0; i--) {
        UpdateInfo u = Json.MAPPER.convertValue(p.updates.get(i), UpdateInfo.class);
        newestFirst.add(u.setConfig(null)); // "Not returned by ListUpdates."
      }
    }
    String until = r.queryParam("until_update_id").orElse(null);
    if (until != null) {
      int at = indexOf(newestFirst, until);
      newestFirst = newestFirst.subList(0, at + 1);
    }
    int offset = r.queryParam("page_token").map(PageTokens::offset).orElse(0);
    int to = Math.min(newestFirst.size(), offset + max);
    List<UpdateInfo> page = newestFirst.subList(Math.min(offset, newestFirst.size()), to);
    return new ListUpdatesResponse()
        .setUpdates(page.isEmpty() ? null : new ArrayList<>(page))
        .setNextPageToken(to < newestFirst.size() ? PageTokens.of(to) : null)
        .setPrevPageToken(offset > 0 ? PageTokens.of(Math.max(0, offset - max)) : null);
  }

  private GetUpdateResponse getUpdate(ApiRequest r) {
    PipelineRecord p = managed(r);
    String id = r.pathVar("update_id");
    synchronized (pipelines) {
      UpdateInfo u = p.update(id);
      if (u == null) {
        throw new ApiException(
            ErrorCode.RESOURCE_DOES_NOT_EXIST,
            "The specified update " + id + " of pipeline " + p.id() + " was not found.");
      }
      return new GetUpdateResponse().setUpdate(Json.MAPPER.convertValue(u, UpdateInfo.class));
    }
  }

  private ListPipelineEventsResponse events(ApiRequest r) {
    PipelineRecord p = managed(r);
    int max = max(r, DEFAULT_EVENTS_PAGE, MAX_EVENTS_PAGE);
    EventQuery q =
        EventQuery.of(
            r.queryParam("filter").orElse(null),
            r.query().getOrDefault("order_by", List.of()),
            r.queryParam("page_token").orElse(null));
    List<PipelineEvent> selected;
    synchronized (pipelines) {
      selected = q.select(p.events);
    }
    int from = Math.min(q.offset(), selected.size());
    int to = Math.min(selected.size(), from + max);
    List<PipelineEvent> page = new ArrayList<>(selected.subList(from, to));
    return new ListPipelineEventsResponse()
        .setEvents(page.isEmpty() ? null : page)
        .setNextPageToken(to < selected.size() ? q.next(to) : null)
        .setPrevPageToken(from > 0 ? q.next(Math.max(0, from - max)) : null);
  }

  private static int indexOf(List<UpdateInfo> updates, String id) {
    for (int i = 0; i < updates.size(); i++) {
      if (updates.get(i).getUpdateId().equals(id)) {
        return i;
      }
    }
    throw ApiException.invalid("until_update_id " + id + " is not an update of this pipeline.");
  }

  private static int max(ApiRequest r, int byDefault, int limit) {
    int max = r.intParam("max_results").orElse(byDefault);
    if (max < 1 || max > limit) {
      throw ApiException.invalid(
          "max_results must be between 1 and " + limit + ", got " + max + ".");
    }
    return max;
  }

  private static boolean notEmpty(java.util.Collection<String> c) {
    return c != null && !c.isEmpty();
  }

  /** The pipeline, when the caller created it or is an admin; refused otherwise. */
  private PipelineRecord managed(ApiRequest r) {
    PipelineRecord p = pipelines.get(r.pathVar("pipeline_id"));
    if (!canManage(r.principal(), p)) {
      throw ApiException.denied(
          "User "
              + r.principal().userName()
              + " does not have permission to manage pipeline "
              + p.id()
              + ".");
    }
    return p;
  }

  private static boolean canManage(Principal principal, PipelineRecord p) {
    return principal.admin() || principal.userName().equals(p.pipeline.getCreatorUserName());
  }
}
