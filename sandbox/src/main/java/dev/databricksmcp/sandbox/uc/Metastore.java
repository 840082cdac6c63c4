package dev.databricksmcp.sandbox.uc;

import com.databricks.sdk.service.catalog.CatalogInfo;
import com.databricks.sdk.service.catalog.CatalogType;
import com.databricks.sdk.service.catalog.ColumnInfo;
import com.databricks.sdk.service.catalog.ColumnTypeName;
import com.databricks.sdk.service.catalog.DataSourceFormat;
import com.databricks.sdk.service.catalog.SchemaInfo;
import com.databricks.sdk.service.catalog.TableInfo;
import com.databricks.sdk.service.catalog.TableType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.engine.CatalogNames;
import dev.databricksmcp.sandbox.engine.DatabricksTypes;
import dev.databricksmcp.sandbox.engine.DuckDbEngine;
import dev.databricksmcp.sandbox.engine.Sql;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.state.PersistentState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Unity Catalog over DuckDB: catalogs, schemas and tables are read from DuckDB itself, so objects
 * created with SQL appear here, overlaid with what DuckDB does not keep (owner, times, properties).
 */
public final class Metastore implements PersistentState {
  public static final String METASTORE_ID = "5a1d7e3b-0c4f-4e2a-9b8d-sandbox00001";

  /** Catalogs nobody may write to, as in a new workspace. */
  public static final Set<String> READ_ONLY_CATALOGS = Set.of("samples", "system");

  private static final Set<String> HIDDEN_SCHEMAS = Set.of("main", "pg_catalog");

  private final DuckDbEngine engine;
  private final Path dataDir;
  private final DropCascade cascade;
  private final Overlays overlays = new Overlays();

  public Metastore(DuckDbEngine engine, Path dataDir, DropCascade cascade) {
    this.engine = engine;
    this.dataDir = dataDir;
    this.cascade = cascade;
  }

  // ---- what outlives a restart (with --sandbox-dir): ids, owners, creators, comments

  @Override
  public String persistenceName() {
    return "metastore";
  }

  @Override
  public JsonNode save() {
    return overlays.save();
  }

  @Override
  public void restore(JsonNode saved) {
    overlays.restore(saved);
  }

  // ---- catalogs

  public List<CatalogInfo> catalogs() {
    List<CatalogInfo> out = new ArrayList<>();
    String sql =
        "SELECT database_name, comment, database_oid AS oid FROM duckdb_databases() ORDER BY"
            + " database_name";
    for (Map<String, Object> row : engine.catalogReads().query(sql)) {
      String name = lower(CatalogNames.fromDuckDb((String) row.get("database_name")));
      if (name != null) {
        out.add(catalogInfo(name, (String) row.get("comment"), oid(row)));
      }
    }
    return out;
  }

  public Optional<CatalogInfo> catalog(String name) {
    String wanted = lower(name);
    return catalogs().stream().filter(c -> c.getName().equals(wanted)).findFirst();
  }

  public CatalogInfo requireCatalog(String name) {
    return catalog(name)
        .orElseThrow(
            () ->
                new ApiException(
                    ErrorCode.CATALOG_DOES_NOT_EXIST, "Catalog '" + name + "' does not exist."));
  }

  public CatalogInfo createCatalog(String name, String comment, String creator) {
    validName("name", name);
    name = lower(name);
    if (catalog(name).isPresent()) {
      throw new ApiException(
          ErrorCode.CATALOG_ALREADY_EXISTS, "Catalog '" + name + "' already exists");
    }
    String db = CatalogNames.toDuckDb(name);
    // absolute, as the one directory DuckDB may still write to was given to it (DuckDbLockdown)
    String location =
        dataDir == null
            ? ":memory:"
            : catalogDirectory(dataDir).toAbsolutePath().resolve(db + ".duckdb").toString();
    Sql.exec(
        engine,
        "ATTACH '" + location.replace("'", "''") + "' AS " + CatalogNames.quote(db),
        "CREATE SCHEMA IF NOT EXISTS " + CatalogNames.quote(db) + ".\"default\"");
    overlays.created(name, oidOf(name), creator, comment);
    return requireCatalog(name);
  }

  /** Attaches a catalog at start-up (owner: the admin). */
  public void attach(String name, String location) {
    String db = CatalogNames.toDuckDb(name);
    Sql.exec(
        engine,
        "ATTACH IF NOT EXISTS '" + location.replace("'", "''") + "' AS " + CatalogNames.quote(db));
  }

  /** Comments of catalogs and schemas (DuckDB keeps none for them), by UC name. */
  public void setComment(String name, String comment) {
    name = lower(name);
    overlays.setComment(name, oidOf(name), comment);
  }

  /** A comment the sandbox gives at start, kept only while nobody has set one. */
  public void setInitialComment(String name, String comment) {
    name = lower(name);
    overlays.setInitialComment(name, oidOf(name), comment);
  }

  public void setOwner(String name, String owner) {
    name = lower(name);
    overlays.setOwner(name, oidOf(name), owner);
  }

  /**
   * A securable is gone (a catalog, schema, table, or an object DuckDB does not hold: a volume, a
   * function): forgets what the metastore knows of it and everything under it, and drops the rest
   * of it everywhere else (grants, volumes, functions; see {@link DropCascade}).
   */
  public void forget(String fullName) {
    fullName = lower(fullName);
    overlays.forget(fullName);
    cascade.dropped(fullName);
  }

  public void deleteCatalog(String asked, boolean force) {
    String name = lower(asked);
    requireCatalog(name);
    requireWritable(name);
    if (!force && !schemas(name).stream().allMatch(s -> isDefaultAndEmpty(name, s.getName()))) {
      throw new ApiException(
          ErrorCode.INVALID_STATE,
          "Catalog '" + name + "' is not empty. Use force=true to delete it and its contents.");
    }
    String db = CatalogNames.toDuckDb(name);
    Object path =
        engine
            .catalogReads()
            .query("SELECT path FROM duckdb_databases() WHERE database_name = ?", db)
            .get(0)
            .get("path");
    Sql.exec(engine, "DETACH " + CatalogNames.quote(db));
    deleteDatabaseFile((String) path);
    forget(name);
  }

  /** The one schema an empty catalog may keep: its default, holding nothing. */
  private boolean isDefaultAndEmpty(String catalog, String schema) {
    return schema.equals("default") && isEmpty(catalog, schema);
  }

  /** No table or view in DuckDB, and no volume or function (or any object) anywhere else. */
  private boolean isEmpty(String catalog, String schema) {
    return tables(catalog, schema, false).isEmpty() && !cascade.holdsObjectsIn(catalog, schema);
  }

  /**
   * Where catalogs created through the API keep their DuckDB files (the one directory DuckDB may
   * write).
   */
  public static Path catalogDirectory(Path dataDir) {
    return dataDir.resolve("catalogs");
  }

  /**
   * A deleted catalog's file goes too, so that neither a restart nor a new catalog of the same name
   * brings its tables back. Done here in Java: DuckDB itself may not touch files.
   */
  private void deleteDatabaseFile(String path) {
    if (path == null || dataDir == null) {
      return;
    }
    try {
      java.nio.file.Files.deleteIfExists(Path.of(path));
      java.nio.file.Files.deleteIfExists(Path.of(path + ".wal"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "cannot delete the catalog file " + path + ": " + e.getMessage(), e);
    }
  }

  // ---- schemas

  public List<SchemaInfo> schemas(String catalog) {
    catalog = requireCatalog(catalog).getName();
    List<SchemaInfo> out = new ArrayList<>();
    for (Map<String, Object> row :
        engine
            .catalogReads()
            .query(
                "SELECT lower(schema_name) AS schema_name, comment, oid FROM duckdb_schemas() WHERE"
                    + " database_name = ? ORDER BY 1",
                CatalogNames.toDuckDb(catalog))) {
      String schema = (String) row.get("schema_name");
      if (!HIDDEN_SCHEMAS.contains(schema)) {
        out.add(schemaInfo(catalog, schema, (String) row.get("comment"), oid(row)));
      }
    }
    return out;
  }

  public SchemaInfo requireSchema(String catalog, String schema) {
    String wanted = lower(schema);
    return schemas(catalog).stream()
        .filter(s -> s.getName().equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new ApiException(
                    ErrorCode.SCHEMA_DOES_NOT_EXIST,
                    "Schema '" + catalog + "." + schema + "' does not exist."));
  }

  public SchemaInfo createSchema(String catalog, String schema, String comment, String creator) {
    validName("name", schema);
    catalog = lower(catalog);
    schema = lower(schema);
    requireCatalog(catalog);
    requireWritable(catalog);
    String wanted = schema;
    if (schemas(catalog).stream().anyMatch(s -> s.getName().equals(wanted))) {
      throw new ApiException(
          ErrorCode.SCHEMA_ALREADY_EXISTS,
          "Schema '" + catalog + "." + schema + "' already exists");
    }
    String qualified =
        CatalogNames.quote(CatalogNames.toDuckDb(catalog)) + "." + CatalogNames.quote(schema);
    Sql.exec(engine, "CREATE SCHEMA " + qualified);
    overlays.created(catalog + "." + schema, oidOf(catalog + "." + schema), creator, comment);
    return requireSchema(catalog, schema);
  }

  public void deleteSchema(String catalog, String schema, boolean force) {
    catalog = lower(catalog);
    schema = lower(schema);
    requireSchema(catalog, schema);
    requireWritable(catalog);
    if (!force && !isEmpty(catalog, schema)) {
      throw new ApiException(
          ErrorCode.INVALID_STATE,
          "Schema '"
              + catalog
              + "."
              + schema
              + "' is not empty. Use force=true to delete it and its contents.");
    }
    Sql.exec(
        engine,
        "DROP SCHEMA "
            + CatalogNames.quote(CatalogNames.toDuckDb(catalog))
            + "."
            + CatalogNames.quote(schema)
            + " CASCADE");
    forget(catalog + "." + schema);
  }

  // ---- tables

  /** Tables and views of a schema, with columns unless omitted. */
  public List<TableInfo> tables(String catalog, String schema) {
    return tables(catalog, schema, true);
  }

  public List<TableInfo> tables(String catalog, String schema, boolean withColumns) {
    catalog = lower(catalog);
    schema = lower(schema);
    String db = CatalogNames.toDuckDb(catalog);
    List<TableInfo> out = new ArrayList<>();
    for (Map<String, Object> row :
        engine
            .catalogReads()
            .query(
                "SELECT lower(table_name) AS name, comment, 'MANAGED' AS kind, table_oid AS oid FROM"
                    + " duckdb_tables() WHERE database_name = ? AND lower(schema_name) = ? UNION ALL"
                    + " SELECT lower(view_name), comment, 'VIEW', view_oid FROM duckdb_views() WHERE"
                    + " database_name = ? AND lower(schema_name) = ? AND NOT internal ORDER BY name",
                db,
                schema,
                db,
                schema)) {
      String name = (String) row.get("name");
      String kind = (String) row.get("kind");
      out.add(
          tableInfo(
              catalog, schema, name, (String) row.get("comment"), kind, oid(row), withColumns));
    }
    return out;
  }

  public TableInfo requireTable(String askedCatalog, String askedSchema, String table) {
    String catalog = requireCatalog(askedCatalog).getName();
    String schema = requireSchema(catalog, askedSchema).getName();
    String wanted = lower(table);
    // columns for the one table asked for, not for every table of its schema
    TableInfo info =
        tables(catalog, schema, false).stream()
            .filter(t -> t.getName().equals(wanted))
            .findFirst()
            .orElseThrow(
                () ->
                    new ApiException(
                        ErrorCode.TABLE_DOES_NOT_EXIST,
                        "Table '" + catalog + "." + schema + "." + wanted + "' does not exist."));
    return info.setColumns(columns(catalog, schema, info.getName()));
  }

  public void deleteTable(String catalog, String schema, String table) {
    TableInfo info = requireTable(catalog, schema, table);
    catalog = info.getCatalogName();
    schema = info.getSchemaName();
    requireWritable(catalog);
    String kind = info.getTableType() == TableType.VIEW ? "VIEW" : "TABLE";
    Sql.exec(
        engine, "DROP " + kind + " " + CatalogNames.qualified(catalog, schema, info.getName()));
    forget(catalog + "." + schema + "." + info.getName());
  }

  /** Writes to samples and system are refused to everyone, as in a Databricks workspace. */
  public void requireWritable(String catalog) {
    if (READ_ONLY_CATALOGS.contains(catalog.toLowerCase(java.util.Locale.ROOT))) {
      throw ApiException.denied("Catalog '" + catalog + "' is read-only: it cannot be modified.");
    }
  }

  /** The owner of a catalog, schema or table by full name (admin when never set). */
  public String ownerOf(String fullName) {
    return overlays.owner(lower(fullName));
  }

  /**
   * After a statement wrote to an existing table: gone (DROP TABLE) means forgotten, grants and
   * all; still there under a new DuckDB oid (CREATE OR REPLACE) means the same table, which keeps
   * its id as in Databricks.
   */
  public void recordWritten(String fullName) {
    fullName = lower(fullName);
    long oid = oidOf(fullName);
    if (oid == Overlays.UNBOUND) {
      forget(fullName);
    } else {
      overlays.replacedInPlace(fullName, oid);
    }
  }

  /**
   * Remembers who created a table through SQL, so they own it as in Databricks; a new object, a new
   * id.
   */
  public void recordCreated(String fullName, String creator) {
    fullName = lower(fullName);
    overlays.created(fullName, oidOf(fullName), creator, null);
  }

  // ---- model objects

  private CatalogInfo catalogInfo(String name, String comment, long oid) {
    Overlays.Overlay o = overlays.current(name, oid);
    return new CatalogInfo()
        .setName(name)
        .setFullName(name)
        .setComment(
            o.comment() != null ? o.comment() : comment != null ? comment : defaultComment(name))
        .setOwner(o.owner())
        .setCreatedAt(o.createdAt())
        .setCreatedBy(o.createdBy())
        .setUpdatedAt(o.createdAt())
        .setUpdatedBy(o.createdBy())
        .setMetastoreId(METASTORE_ID)
        .setCatalogType(
            name.equals("system") ? CatalogType.SYSTEM_CATALOG : CatalogType.MANAGED_CATALOG);
  }

  private static String defaultComment(String catalog) {
    return switch (catalog) {
      case "samples" -> "Sample datasets as Databricks ships them (read-only)";
      case "system" -> "System tables: query history and lineage (read-only)";
      case "main" -> "Main catalog (auto-created)";
      default -> null;
    };
  }

  private SchemaInfo schemaInfo(String catalog, String schema, String comment, long oid) {
    Overlays.Overlay o = overlays.current(catalog + "." + schema, oid);
    return new SchemaInfo()
        .setName(schema)
        .setCatalogName(catalog)
        .setFullName(catalog + "." + schema)
        .setComment(o.comment() != null ? o.comment() : comment)
        .setOwner(o.owner())
        .setCreatedAt(o.createdAt())
        .setCreatedBy(o.createdBy())
        .setUpdatedAt(o.createdAt())
        .setUpdatedBy(o.createdBy())
        .setMetastoreId(METASTORE_ID)
        .setSchemaId(o.id());
  }

  private TableInfo tableInfo(
      String catalog,
      String schema,
      String name,
      String comment,
      String kind,
      long oid,
      boolean withColumns) {
    String fullName = catalog + "." + schema + "." + name;
    Overlays.Overlay o = overlays.current(fullName, oid);
    TableInfo t =
        new TableInfo()
            .setName(name)
            .setCatalogName(catalog)
            .setSchemaName(schema)
            .setFullName(fullName)
            .setTableType(kind.equals("VIEW") ? TableType.VIEW : TableType.MANAGED)
            .setDataSourceFormat(kind.equals("VIEW") ? null : DataSourceFormat.DELTA)
            .setComment(comment)
            .setOwner(o.owner())
            .setCreatedAt(o.createdAt())
            .setCreatedBy(o.createdBy())
            .setUpdatedAt(o.createdAt())
            .setUpdatedBy(o.createdBy())
            .setMetastoreId(METASTORE_ID)
            .setTableId(o.id())
            .setProperties(o.properties())
            .setStorageLocation(
                kind.equals("VIEW")
                    ? null
                    : "s3://sandbox-metastore/" + METASTORE_ID + "/tables/" + o.id());
    if (withColumns) {
      t.setColumns(columns(catalog, schema, name));
    }
    return t;
  }

  private List<ColumnInfo> columns(String catalog, String schema, String table) {
    List<ColumnInfo> out = new ArrayList<>();
    for (Map<String, Object> row :
        engine
            .catalogReads()
            .query(
                "SELECT column_name, data_type, is_nullable, comment, column_index FROM"
                    + " duckdb_columns() WHERE database_name = ? AND lower(schema_name) = ? AND"
                    + " lower(table_name) = ? ORDER BY column_index",
                CatalogNames.toDuckDb(catalog),
                schema,
                table)) {
      DatabricksTypes.Type type = DatabricksTypes.of((String) row.get("data_type"));
      ColumnTypeName typeName;
      try {
        typeName = ColumnTypeName.valueOf(type.name());
      } catch (IllegalArgumentException e) {
        typeName = ColumnTypeName.STRING;
      }
      String column = (String) row.get("column_name");
      out.add(
          new ColumnInfo()
              .setName(column)
              .setTypeText(type.text())
              .setTypeName(typeName)
              .setTypeJson(
                  "{\"name\":\""
                      + column.replace("\"", "\\\"")
                      + "\",\"type\":\""
                      + type.text()
                      + "\",\"nullable\":"
                      + row.get("is_nullable")
                      + ",\"metadata\":{}}")
              .setTypePrecision(type.precision() == null ? null : type.precision().longValue())
              .setTypeScale(type.scale() == null ? null : type.scale().longValue())
              .setPosition(((Number) row.get("column_index")).longValue() - 1)
              .setNullable((Boolean) row.get("is_nullable"))
              .setComment((String) row.get("comment")));
    }
    return out;
  }

  private static long oid(Map<String, Object> row) {
    return ((Number) row.get("oid")).longValue();
  }

  /**
   * DuckDB's oid of the catalog (one part), schema (two) or table or view (three) of that name, or
   * {@link Overlays#UNBOUND} when DuckDB holds none.
   */
  private long oidOf(String key) {
    String[] p = key.split("\\.");
    String db = CatalogNames.toDuckDb(p[0]);
    List<Map<String, Object>> rows =
        switch (p.length) {
          case 1 ->
              engine
                  .catalogReads()
                  .query(
                      "SELECT database_oid AS oid FROM duckdb_databases() WHERE database_name = ?",
                      db);
          case 2 ->
              engine
                  .catalogReads()
                  .query(
                      "SELECT oid FROM duckdb_schemas() WHERE database_name = ? AND lower(schema_name)"
                          + " = lower(?)",
                      db,
                      p[1]);
          case 3 ->
              engine
                  .catalogReads()
                  .query(
                      "SELECT table_oid AS oid FROM duckdb_tables() WHERE database_name = ? AND"
                          + " lower(schema_name) = lower(?) AND lower(table_name) = lower(?) UNION ALL"
                          + " SELECT view_oid FROM duckdb_views() WHERE database_name = ? AND"
                          + " lower(schema_name) = lower(?) AND lower(view_name) = lower(?)",
                      db,
                      p[1],
                      p[2],
                      db,
                      p[1],
                      p[2]);
          default -> List.of();
        };
    return rows.isEmpty() ? Overlays.UNBOUND : oid(rows.get(0));
  }

  /**
   * Unity Catalog stores every object name lower-case and matches names without regard to case
   * (https://docs.databricks.com/aws/sql/language-manual/sql-ref-names); DuckDB keeps the case a
   * statement used, so names are lowered going in and coming out.
   */
  public static String lower(String name) {
    return name == null ? null : name.toLowerCase(java.util.Locale.ROOT);
  }

  static void validName(String field, String name) {
    if (name == null || name.isBlank()) {
      throw ApiException.invalid("Missing required field: " + field);
    }
    // Unity Catalog's rules: at most 255 characters; no period, space, '/', control character or
    // DELETE
    // (https://docs.databricks.com/sql/language-manual/sql-ref-names.html)
    if (name.length() > 255 || !name.matches("[^./ \\p{Cntrl}]+")) {
      throw ApiException.invalid(
          "Invalid name '"
              + name
              + "': at most 255 characters, no '.', space, '/' or control characters.");
    }
  }
}
