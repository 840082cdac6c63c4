package dev.databricksmcp.sandbox.pipelines;

import com.databricks.sdk.service.pipelines.EventLevel;
import com.databricks.sdk.service.pipelines.GetPipelineResponseHealth;
import com.databricks.sdk.service.pipelines.PipelineSpec;
import com.databricks.sdk.service.pipelines.PipelineState;
import com.databricks.sdk.service.pipelines.UpdateInfo;
import com.databricks.sdk.service.pipelines.UpdateInfoState;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.compute.ComputeClock;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.uc.Metastore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * One update of a pipeline, driven on a thread of its own through Databricks' states (QUEUED,
 * CREATED, WAITING_FOR_RESOURCES, INITIALIZING, SETTING_UP_TABLES, RUNNING, then COMPLETED, FAILED
 * or CANCELED): the sources read and the graph resolved, then each selected flow in dependency
 * order, as the pipeline's owner. A flow that fails fails the update; the flows that read it are
 * SKIPPED. A stop cancels the running statement; what has not run is STOPPED.
 */
final class UpdateRun {
  /** Ends the update early (a stop, or a source the sandbox cannot run). */
  private static final class Ended extends Exception {
    final UpdateInfoState state;

    Ended(UpdateInfoState state) {
      super(null, null, false, false);
      this.state = state;
    }
  }

  private final Pipelines pipelines;
  private final PipelineRecord p;
  private final UpdateInfo u;
  private final Deps deps;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean stopRequested;
  private volatile Runnable cancelStatement;

  /** Why the update failed, for its last event; null until it does. */
  private String failure;

  /** What every update needs from the sandbox. */
  record Deps(
      PipelineSources sources,
      FlowStatements statements,
      Metastore metastore,
      ComputeClock clock,
      long transitionMillis) {}

  UpdateRun(Pipelines pipelines, PipelineRecord p, UpdateInfo u, Deps deps) {
    this.pipelines = pipelines;
    this.p = p;
    this.u = u;
    this.deps = deps;
  }

  String updateId() {
    return u.getUpdateId();
  }

  /** Asks the update to stop: the statement running now is cancelled, nothing else starts. */
  void stop() {
    stopRequested = true;
    synchronized (pipelines) {
      if (!Pipelines.ENDED.contains(u.getState())) {
        u.setState(UpdateInfoState.STOPPING);
      }
    }
    Runnable cancel = cancelStatement;
    if (cancel != null) {
      cancel.run();
    }
    stopped.countDown();
  }

  void run(Principal owner) {
    UpdateInfoState end;
    try {
      move(UpdateInfoState.CREATED);
      move(UpdateInfoState.WAITING_FOR_RESOURCES);
      move(UpdateInfoState.INITIALIZING);
      PipelineSpec spec = u.getConfig();
      String catalog = spec.getCatalog();
      String schema = spec.getSchema() != null ? spec.getSchema() : spec.getTarget();
      List<Dataset> flows = graph(spec, catalog, schema);
      move(UpdateInfoState.SETTING_UP_TABLES);
      for (Dataset d : flows) {
        info(
            d.name(),
            "dataset_definition",
            "Dataset " + d.name() + " is defined as a " + kind(d) + ".");
      }
      if (Boolean.TRUE.equals(u.getValidateOnly())) {
        end = UpdateInfoState.COMPLETED;
      } else {
        move(UpdateInfoState.RUNNING);
        end = runFlows(owner, flows, catalog, schema);
        if (end == UpdateInfoState.COMPLETED && Boolean.TRUE.equals(spec.getContinuous())) {
          stopped.await(); // a continuous pipeline runs until it is stopped
          end = UpdateInfoState.CANCELED;
        }
      }
    } catch (Ended e) {
      end = e.state;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      end = UpdateInfoState.CANCELED;
    } catch (RuntimeException e) {
      failure = "The sandbox could not run this update.";
      error(
          null,
          "update_progress",
          "Update " + u.getUpdateId() + " has failed.",
          "The sandbox could not run this update.");
      end = UpdateInfoState.FAILED;
    }
    if (stopRequested) {
      end = UpdateInfoState.CANCELED;
    }
    finish(end);
  }

  private List<Dataset> graph(PipelineSpec spec, String catalog, String schema) throws Ended {
    try {
      if (catalog == null || schema == null) {
        throw new DatasetSql.Unsupported(
            "The sandbox publishes pipelines to Unity Catalog only: set catalog and schema.");
      }
      List<Dataset> ordered =
          FlowOrder.of(deps.sources().datasets(spec.getLibraries()), catalog, schema);
      Set<String> names = new HashSet<>();
      ordered.forEach(d -> names.add(d.name()));
      for (Dataset d : ordered) {
        for (String read : d.reads()) {
          if (FlowOrder.own(read, catalog, schema, names) == null
              && !read.contains(".")
              && !exists(catalog, schema, read)) {
            throw new DatasetSql.Unsupported(
                "Dataset "
                    + d.name()
                    + " reads "
                    + read
                    + ", which is neither a dataset of this pipeline nor a table in "
                    + catalog
                    + "."
                    + schema
                    + ".");
          }
        }
      }
      return ordered;
    } catch (DatasetSql.Unsupported e) {
      failure = e.getMessage();
      error(
          null,
          "update_progress",
          "Update " + u.getUpdateId() + " has failed: " + e.getMessage(),
          e.getMessage());
      throw new Ended(UpdateInfoState.FAILED);
    }
  }

  private UpdateInfoState runFlows(
      Principal owner, List<Dataset> flows, String catalog, String schema)
      throws InterruptedException {
    Set<String> selected = new HashSet<>();
    if (u.getRefreshSelection() != null) {
      selected.addAll(u.getRefreshSelection());
    }
    if (u.getFullRefreshSelection() != null) {
      selected.addAll(u.getFullRefreshSelection());
    }
    List<Dataset> run = new ArrayList<>();
    for (Dataset d : flows) {
      if (selected.isEmpty() || selected.contains(d.name())) {
        run.add(d);
        info(d.name(), "flow_progress", "Flow '" + d.name() + "' is QUEUED.");
      } else {
        info(d.name(), "flow_progress", "Flow '" + d.name() + "' is EXCLUDED.");
      }
    }
    Set<String> names = new HashSet<>();
    flows.forEach(d -> names.add(d.name()));
    Set<String> notDone = new HashSet<>();
    List<String> failed = new ArrayList<>();
    for (Dataset d : run) {
      if (stopRequested) {
        info(d.name(), "flow_progress", "Flow '" + d.name() + "' is STOPPED.");
        continue;
      }
      String upstream = upstreamNotDone(d, notDone, catalog, schema, names);
      if (upstream != null) {
        notDone.add(d.name());
        event(
            d.name(),
            EventLevel.WARN,
            "flow_progress",
            "Flow '"
                + d.name()
                + "' is SKIPPED: upstream flow '"
                + upstream
                + "' did not complete.");
        continue;
      }
      info(d.name(), "flow_progress", "Flow '" + d.name() + "' is RUNNING.");
      String err = flow(owner, d, catalog, schema);
      if (err == null) {
        info(d.name(), "flow_progress", "Flow '" + d.name() + "' has COMPLETED.");
        synchronized (pipelines) {
          p.tables.add(catalog + "." + schema + "." + d.name());
        }
      } else if (stopRequested) {
        notDone.add(d.name());
        info(d.name(), "flow_progress", "Flow '" + d.name() + "' is STOPPED.");
      } else {
        notDone.add(d.name());
        failed.add(d.name());
        error(d.name(), "flow_progress", "Flow '" + d.name() + "' has FAILED.", err);
      }
    }
    if (!failed.isEmpty()) {
      failure = "Failed flows: " + String.join(", ", failed) + ".";
      return UpdateInfoState.FAILED;
    }
    return UpdateInfoState.COMPLETED;
  }

  /** Runs one flow's statements; its error, null when it completed. */
  private String flow(Principal owner, Dataset d, String catalog, String schema)
      throws InterruptedException {
    if (DatasetSql.readsFiles(d.query())) {
      return "Dataset "
          + d.name()
          + " reads files (read_files): the sandbox cannot read files in a pipeline; read a table instead.";
    }
    String target = catalog + "." + schema + "." + d.name();
    boolean full =
        Boolean.TRUE.equals(u.getFullRefresh())
            || (u.getFullRefreshSelection() != null
                && u.getFullRefreshSelection().contains(d.name()))
            || !exists(catalog, schema, d.name());
    String sql;
    if (d.kind() == Dataset.Kind.STREAMING_TABLE && !full) {
      // incremental: only the rows the streaming table does not hold yet are appended
      sql =
          "INSERT INTO "
              + target
              + " SELECT * FROM ("
              + d.query()
              + ") EXCEPT ALL SELECT * FROM "
              + target;
    } else {
      sql = "CREATE OR REPLACE TABLE " + target + " AS " + d.query();
    }
    String err = deps.statements().run(owner, sql, catalog, schema, c -> cancelStatement = c);
    if (err == null && d.comment() != null && full) {
      err =
          deps.statements()
              .run(
                  owner,
                  "COMMENT ON TABLE "
                      + target
                      + " IS '"
                      + d.comment().replace("\\", "\\\\").replace("'", "\\'")
                      + "'",
                  catalog,
                  schema,
                  c -> cancelStatement = c);
    }
    return err;
  }

  private String upstreamNotDone(
      Dataset d, Set<String> notDone, String catalog, String schema, Set<String> names) {
    for (String read : d.reads()) {
      String own = FlowOrder.own(read, catalog, schema, names);
      if (own != null && notDone.contains(own)) {
        return own;
      }
    }
    return null;
  }

  private boolean exists(String catalog, String schema, String table) {
    try {
      deps.metastore().requireTable(catalog, schema, table);
      return true;
    } catch (ApiException e) {
      return false;
    }
  }

  private void move(UpdateInfoState state) throws Ended, InterruptedException {
    if (stopRequested) {
      throw new Ended(UpdateInfoState.CANCELED);
    }
    Thread.sleep(deps.transitionMillis());
    synchronized (pipelines) {
      if (stopRequested) {
        throw new Ended(UpdateInfoState.CANCELED);
      }
      u.setState(state);
    }
    info(null, "update_progress", "Update " + u.getUpdateId() + " is " + state + ".");
  }

  private void finish(UpdateInfoState end) {
    synchronized (pipelines) {
      u.setState(end);
      p.active = null;
      p.pipeline
          .setState(PipelineState.IDLE)
          .setHealth(
              end == UpdateInfoState.FAILED
                  ? GetPipelineResponseHealth.UNHEALTHY
                  : GetPipelineResponseHealth.HEALTHY);
    }
    String message = "Update " + u.getUpdateId() + " is " + end + ".";
    if (end == UpdateInfoState.FAILED) {
      error(null, "update_progress", message, failure);
    } else {
      info(null, "update_progress", message);
    }
  }

  private void info(String dataset, String type, String message) {
    event(dataset, EventLevel.INFO, type, message);
  }

  private void event(String dataset, EventLevel level, String type, String message) {
    pipelines.event(
        p,
        PipelineEvents.of(
            p, u.getUpdateId(), dataset, deps.clock().millis(), level, type, message));
  }

  private void error(String dataset, String type, String message, String cause) {
    pipelines.event(
        p,
        PipelineEvents.error(
            p, u.getUpdateId(), dataset, deps.clock().millis(), type, message, cause));
  }

  private static String kind(Dataset d) {
    return d.kind() == Dataset.Kind.STREAMING_TABLE ? "streaming table" : "materialized view";
  }
}
