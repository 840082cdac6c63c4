package dev.databricksmcp.sandbox.sql;

import com.databricks.sdk.service.catalog.CatalogInfo;
import com.databricks.sdk.service.sql.StatementParameterListItem;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.engine.DuckDbEngine;
import dev.databricksmcp.sandbox.files.VolumeAccess;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.uc.Grants;
import dev.databricksmcp.sandbox.uc.Metastore;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs one SQL statement as its caller: read once with Databricks' rules (one statement only),
 * answered by the sandbox's own commands or translated for DuckDB, checked against the caller's
 * Unity Catalog grants (and READ VOLUME for the volume files it reads, {@link VolumeFileTables}),
 * run on the locked-down engine, and the tables it created or wrote recorded in the metastore. The
 * one path every API that runs SQL takes (Statement Execution, Command Execution), so the same
 * grants and the same lockdown hold for each.
 */
public final class CallerStatement {
  private final DuckDbEngine engine;
  private final Metastore metastore;
  private final Grants grants;
  private final VolumeFileTables volumeFiles;

  public CallerStatement(
      DuckDbEngine engine, Metastore metastore, Grants grants, VolumeAccess volumes) {
    this.engine = engine;
    this.metastore = metastore;
    this.grants = grants;
    this.volumeFiles = new VolumeFileTables(volumes);
  }

  /** How one statement is run. */
  public record Request(
      Principal principal,
      String text,
      String catalog,
      String schema,
      java.util.Collection<StatementParameterListItem> parameters,
      long fetchRows) {}

  /**
   * The statement's result; a {@link SqlError} when Databricks would fail it.
   *
   * @param cancelled polled while rows are read
   * @param onStart the JDBC statement, once running, for a cancel to interrupt
   * @param onTranslated the translation, once known (the statement log reads its tables)
   */
  public QueryResult run(
      Request req,
      BooleanSupplier cancelled,
      Consumer<Statement> onStart,
      Consumer<Translation> onTranslated)
      throws InterruptedException {
    Set<String> catalogs =
        metastore.catalogs().stream().map(CatalogInfo::getName).collect(Collectors.toSet());
    SqlTranslator.Context context =
        new SqlTranslator.Context(
            req.principal().userName(), req.catalog(), req.schema(), catalogs);
    // read once, with Databricks' rules; everything after works on these tokens
    List<SqlTokenizer.Token> statement = SingleStatement.of(SqlTokenizer.tokenize(req.text()));
    QueryResult special =
        SpecialCommands.run(statement, context, metastore, grants, req.principal()).orElse(null);
    if (special != null) {
      return special;
    }
    Translation t = SqlTranslator.translate(statement, context);
    onTranslated.accept(t);
    List<String> created = authorize(req.principal(), t);
    List<VolumeFileTables.Loaded> files = volumeFiles.load(req.principal(), t.files());
    if (t.sleepSeconds() > 0) {
      Thread.sleep((long) (t.sleepSeconds() * 1000));
    }
    QueryResult result =
        SqlRunner.run(
            engine,
            t,
            files,
            req.catalog(),
            req.schema(),
            req.parameters() == null ? List.of() : List.copyOf(req.parameters()),
            req.fetchRows(),
            cancelled,
            onStart);
    for (String table : created) {
      metastore.recordCreated(
          table, req.principal().userName()); // the creator owns it, as in Databricks
    }
    for (String table : t.writtenTables()) {
      if (!created.contains(table)) {
        metastore.recordWritten(table);
      }
    }
    return result;
  }

  /**
   * Unity Catalog privileges for what the statement reads and writes, as Databricks checks them:
   * SELECT to read, MODIFY to write an existing table, CREATE TABLE to create one.
   */
  private List<String> authorize(Principal principal, Translation t) {
    List<String> created = new ArrayList<>();
    try {
      for (String table : t.readTables()) {
        if (exists(table)) {
          grants.requireSelect(principal, table);
        }
      }
      for (String table : t.writtenTables()) {
        String[] p = table.split("\\.");
        if (Metastore.READ_ONLY_CATALOGS.contains(p[0])) {
          throw ApiException.denied("Catalog '" + p[0] + "' is read-only: it cannot be modified.");
        }
        if (exists(table)) {
          grants.requireModify(principal, table);
        } else {
          grants.requireCreateTable(principal, p[0], p[1]);
          created.add(table);
        }
      }
    } catch (ApiException e) {
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
    } catch (ApiException e) {
      return false;
    }
  }
}
