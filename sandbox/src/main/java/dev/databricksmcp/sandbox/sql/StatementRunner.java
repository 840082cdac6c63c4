package dev.databricksmcp.sandbox.sql;

import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.StatementState;
import dev.databricksmcp.sandbox.engine.DuckDbEngine;
import dev.databricksmcp.sandbox.events.ExecutedStatement;
import dev.databricksmcp.sandbox.events.StatementLog;
import dev.databricksmcp.sandbox.files.VolumeAccess;
import dev.databricksmcp.sandbox.state.SandboxState;
import dev.databricksmcp.sandbox.uc.Grants;
import dev.databricksmcp.sandbox.uc.Metastore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs statements in the background: waits for the warehouse (auto-starting it), runs the statement
 * as its caller ({@link CallerStatement}), splits the result into chunks, and records the end in
 * the statement log. Cancel interrupts the wait, the sleep or the running query. Every statement it
 * runs is kept by id, whoever started it (the Statement Execution API, or a job's task through
 * {@link TaskStatements}), so that GET /api/2.0/sql/statements/{id} reads it.
 */
public final class StatementRunner implements SandboxState {
  private static final Logger LOG = LoggerFactory.getLogger(StatementRunner.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final CallerStatement sql;
  private final Warehouses warehouses;
  private final StatementLog log;
  private final Map<String, RunningStatement> submitted = new ConcurrentHashMap<>();
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "sandbox-statement-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  public StatementRunner(
      DuckDbEngine engine,
      Metastore metastore,
      Grants grants,
      VolumeAccess volumes,
      Warehouses warehouses,
      StatementLog log) {
    this.sql = new CallerStatement(engine, metastore, grants, volumes);
    this.warehouses = warehouses;
    this.log = log;
  }

  void submit(RunningStatement s, ExecuteStatementRequest req) {
    submitted.put(s.id, s);
    String catalog =
        req.getCatalog() == null || req.getCatalog().isBlank() ? "main" : req.getCatalog();
    String schema =
        req.getSchema() == null || req.getSchema().isBlank() ? "default" : req.getSchema();
    long rowLimit = req.getRowLimit() == null ? 0 : req.getRowLimit();
    long byteLimit = req.getByteLimit() == null ? 0 : req.getByteLimit();
    s.future = executor.submit(() -> run(s, req, catalog, schema, rowLimit, byteLimit));
  }

  private void run(
      RunningStatement s,
      ExecuteStatementRequest req,
      String catalog,
      String schema,
      long rowLimit,
      long byteLimit) {
    try {
      warehouses.awaitRunning(s.warehouseId);
      if (!s.moveTo(StatementState.PENDING, StatementState.RUNNING)) {
        return;
      }
      s.startedAt = System.currentTimeMillis();
      long fetch = rowLimit > 0 ? rowLimit + 1 : 0;
      QueryResult result =
          sql.run(
              new CallerStatement.Request(
                  s.principal, s.text, catalog, schema, req.getParameters(), fetch),
              () -> s.state == StatementState.CANCELED,
              jdbc -> s.jdbc = jdbc,
              t -> s.translation = t);
      if (rowLimit > 0 && result.rows().size() > rowLimit) {
        result = new QueryResult(result.columns(), result.rows().subList(0, (int) rowLimit));
        s.rowLimitTruncated = true;
      }
      s.result = result;
      s.chunks = Chunker.split(result.rows(), byteLimit);
      s.moveTo(StatementState.RUNNING, StatementState.SUCCEEDED);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SqlError e) {
      s.error = e;
      s.moveTo(StatementState.RUNNING, StatementState.FAILED);
      s.moveTo(StatementState.PENDING, StatementState.FAILED);
    } catch (RuntimeException | LinkageError e) {
      if (s.state != StatementState.CANCELED) {
        LOG.warn("statement {} failed in the sandbox", s.id, e);
        s.error =
            new SqlError("INTERNAL_ERROR", "XX000", "The sandbox could not run this statement.");
        s.moveTo(StatementState.RUNNING, StatementState.FAILED);
        s.moveTo(StatementState.PENDING, StatementState.FAILED);
      }
    } finally {
      s.endedAt = System.currentTimeMillis();
      record(s);
    }
  }

  /** A statement this runner was given, by id. */
  Optional<RunningStatement> find(String id) {
    return Optional.ofNullable(submitted.get(id));
  }

  void cancel(RunningStatement s) {
    boolean canceled =
        s.moveTo(StatementState.PENDING, StatementState.CANCELED)
            || s.moveTo(StatementState.RUNNING, StatementState.CANCELED);
    if (!canceled) {
      return;
    }
    try {
      if (s.jdbc != null) {
        s.jdbc.cancel();
      }
    } catch (java.sql.SQLException e) {
      LOG.debug("cancel of {} failed: {}", s.id, e.getMessage());
    }
    if (s.future != null) {
      s.future.cancel(true);
    }
  }

  private void record(RunningStatement s) {
    Translation t = s.translation;
    String status =
        switch (s.state) {
          case SUCCEEDED -> "FINISHED";
          case CANCELED -> "CANCELED";
          default -> "FAILED";
        };
    log.record(
        new ExecutedStatement(
            s.id,
            s.warehouseId,
            s.principal,
            s.text,
            status,
            s.submittedAt,
            s.endedAt,
            s.result == null ? 0 : s.result.rows().size(),
            s.error == null ? null : s.error.databricksMessage(),
            t == null ? List.of() : List.copyOf(t.readTables()),
            t == null ? List.of() : List.copyOf(t.writtenTables())));
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
