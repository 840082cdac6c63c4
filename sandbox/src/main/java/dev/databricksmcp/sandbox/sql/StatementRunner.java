package dev.databricksmcp.sandbox.sql;

import com.databricks.sdk.service.catalog.CatalogInfo;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.StatementState;
import dev.databricksmcp.sandbox.engine.DuckDbEngine;
import dev.databricksmcp.sandbox.events.ExecutedStatement;
import dev.databricksmcp.sandbox.events.StatementLog;
import dev.databricksmcp.sandbox.state.SandboxState;
import dev.databricksmcp.sandbox.uc.Grants;
import dev.databricksmcp.sandbox.uc.Metastore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs statements in the background: waits for the warehouse (auto-starting it), translates,
 * honours sandbox_sleep, runs on DuckDB, splits the result into chunks, and records the end in the
 * statement log. Cancel interrupts the wait, the sleep or the running query.
 */
public final class StatementRunner implements SandboxState {
  private static final Logger LOG = LoggerFactory.getLogger(StatementRunner.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final DuckDbEngine engine;
  private final Metastore metastore;
  private final Grants grants;
  private final Warehouses warehouses;
  private final StatementLog log;
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
      Warehouses warehouses,
      StatementLog log) {
    this.engine = engine;
    this.metastore = metastore;
    this.grants = grants;
    this.warehouses = warehouses;
    this.log = log;
  }

  void submit(RunningStatement s, ExecuteStatementRequest req) {
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
      Set<String> catalogs =
          metastore.catalogs().stream().map(CatalogInfo::getName).collect(Collectors.toSet());
      SqlTranslator.Context context =
          new SqlTranslator.Context(s.principal.userName(), catalog, schema, catalogs);
      // read once, with Databricks' rules; everything after works on these tokens
      List<SqlTokenizer.Token> statement = SingleStatement.of(SqlTokenizer.tokenize(s.text));
      QueryResult result =
          SpecialCommands.run(statement, context, metastore, grants, s.principal).orElse(null);
      List<String> created = List.of();
      if (result == null) {
        Translation t = SqlTranslator.translate(statement, context);
        s.translation = t;
        created = authorize(s, t);
        if (t.sleepSeconds() > 0) {
          Thread.sleep((long) (t.sleepSeconds() * 1000));
        }
        long fetch = rowLimit > 0 ? rowLimit + 1 : 0;
        result =
            SqlRunner.run(
                engine,
                t,
                catalog,
                schema,
                req.getParameters() == null ? List.of() : List.copyOf(req.getParameters()),
                fetch,
                () -> s.state == StatementState.CANCELED,
                jdbc -> s.jdbc = jdbc);
      }
      if (rowLimit > 0 && result.rows().size() > rowLimit) {
        result = new QueryResult(result.columns(), result.rows().subList(0, (int) rowLimit));
        s.rowLimitTruncated = true;
      }
      for (String table : created) {
        metastore.recordCreated(
            table, s.principal.userName()); // the creator owns it, as in Databricks
      }
      for (String table :
          s.translation == null ? Set.<String>of() : s.translation.writtenTables()) {
        if (!created.contains(table)) {
          metastore.recordWritten(table);
        }
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

  /**
   * Unity Catalog privileges for what the statement reads and writes, as Databricks checks them:
   * SELECT to read, MODIFY to write an existing table, CREATE TABLE to create one.
   */
  private List<String> authorize(RunningStatement s, Translation t) {
    List<String> created = new java.util.ArrayList<>();
    try {
      for (String table : t.readTables()) {
        if (exists(table)) {
          grants.requireSelect(s.principal, table);
        }
      }
      for (String table : t.writtenTables()) {
        String[] p = table.split("\\.");
        if (Metastore.READ_ONLY_CATALOGS.contains(p[0])) {
          throw dev.databricksmcp.sandbox.http.ApiException.denied(
              "Catalog '" + p[0] + "' is read-only: it cannot be modified.");
        }
        if (exists(table)) {
          grants.requireModify(s.principal, table);
        } else {
          grants.requireCreateTable(s.principal, p[0], p[1]);
          created.add(table);
        }
      }
    } catch (dev.databricksmcp.sandbox.http.ApiException e) {
      throw new SqlError(
          "INSUFFICIENT_PERMISSIONS", "42501", "Insufficient privileges: " + e.getMessage());
    }
    return created;
  }

  private boolean exists(String table) {
    String[] p = table.split("\\.");
    try {
      metastore.requireTable(p[0], p[1], p[2]);
      return true;
    } catch (dev.databricksmcp.sandbox.http.ApiException e) {
      return false;
    }
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
