package dev.databricksmcp.sandbox.uc;

import com.databricks.sdk.service.catalog.CatalogInfo;
import com.databricks.sdk.service.catalog.CreateCatalog;
import com.databricks.sdk.service.catalog.CreateSchema;
import com.databricks.sdk.service.catalog.GetMetastoreSummaryResponse;
import com.databricks.sdk.service.catalog.ListCatalogsResponse;
import com.databricks.sdk.service.catalog.ListSchemasResponse;
import com.databricks.sdk.service.catalog.ListTableSummariesResponse;
import com.databricks.sdk.service.catalog.ListTablesResponse;
import com.databricks.sdk.service.catalog.SchemaInfo;
import com.databricks.sdk.service.catalog.TableExistsResponse;
import com.databricks.sdk.service.catalog.TableInfo;
import com.databricks.sdk.service.catalog.TableSummary;
import com.databricks.sdk.service.catalog.UpdateCatalog;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.Paging;
import dev.databricksmcp.sandbox.http.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The Unity Catalog REST API: catalogs, schemas, tables, table summaries, metastore summary. */
public final class UnityCatalogApi implements ApiModule {
  private static final String BASE = "/api/2.1/unity-catalog";
  private static final int PAGE_LIMIT = 1000;

  private final Metastore metastore;
  private final Grants grants;

  public UnityCatalogApi(Metastore metastore, Grants grants) {
    this.metastore = metastore;
    this.grants = grants;
  }

  @Override
  public void register(Router router) {
    router.get(BASE + "/catalogs", this::listCatalogs);
    router.post(BASE + "/catalogs", this::createCatalog);
    router.get(
        BASE + "/catalogs/{name}",
        r ->
            visible(
                r,
                metastore.requireCatalog(r.pathVar("name")).getName(),
                "Catalog",
                metastore.requireCatalog(r.pathVar("name"))));
    router.patch(BASE + "/catalogs/{name}", this::updateCatalog);
    router.delete(
        BASE + "/catalogs/{name}",
        r -> {
          grants.requireOwner(
              r.principal(), metastore.requireCatalog(r.pathVar("name")).getName(), "Catalog");
          metastore.deleteCatalog(r.pathVar("name"), r.boolParam("force"));
          return Map.of();
        });
    router.get(BASE + "/schemas", this::listSchemas);
    router.post(BASE + "/schemas", this::createSchema);
    router.get(BASE + "/schemas/{full_name}", r -> schema(r, r.pathVar("full_name")));
    router.patch(BASE + "/schemas/{full_name}", this::updateSchema);
    router.delete(
        BASE + "/schemas/{full_name}",
        r -> {
          String[] parts = split(r.pathVar("full_name"), 2, "full_name");
          metastore.requireSchema(parts[0], parts[1]);
          grants.requireOwner(r.principal(), r.pathVar("full_name"), "Schema");
          metastore.deleteSchema(parts[0], parts[1], r.boolParam("force"));
          return Map.of();
        });
    router.get(BASE + "/tables", this::listTables);
    router.get(BASE + "/tables/{full_name}", r -> table(r, r.pathVar("full_name")));
    router.get(BASE + "/tables/{full_name}/exists", this::tableExists);
    router.delete(
        BASE + "/tables/{full_name}",
        r -> {
          String[] p = split(r.pathVar("full_name"), 3, "full_name");
          metastore.requireTable(p[0], p[1], p[2]);
          grants.requireOwner(r.principal(), r.pathVar("full_name"), "Table");
          metastore.deleteTable(p[0], p[1], p[2]);
          return Map.of();
        });
    router.get(BASE + "/table-summaries", this::tableSummaries);
    router.get(BASE + "/metastore_summary", r -> metastoreSummary());
  }

  private ListCatalogsResponse listCatalogs(ApiRequest r) {
    List<CatalogInfo> visible =
        metastore.catalogs().stream()
            .filter(c -> grants.canSee(r.principal(), c.getName()))
            .toList();
    Paging.Page<CatalogInfo> page = Paging.page(r, visible, PAGE_LIMIT);
    return new ListCatalogsResponse()
        .setCatalogs(page.items())
        .setNextPageToken(page.nextPageToken());
  }

  private CatalogInfo createCatalog(ApiRequest r) {
    CreateCatalog body = r.bodyAs(CreateCatalog.class);
    if (!r.principal().admin()) {
      throw ApiException.denied(
          "User does not have CREATE CATALOG on Metastore '" + Metastore.METASTORE_ID + "'.");
    }
    return metastore.createCatalog(body.getName(), body.getComment(), r.principal().userName());
  }

  /** Returns the object when the caller may see it; PERMISSION_DENIED otherwise. */
  private <T> T visible(ApiRequest r, String securable, String kind, T object) {
    if (!grants.canSee(r.principal(), securable)) {
      throw ApiException.denied(
          "User does not have USE "
              + kind.toUpperCase(java.util.Locale.ROOT)
              + " on "
              + kind
              + " '"
              + securable
              + "'.");
    }
    return object;
  }

  private CatalogInfo updateCatalog(ApiRequest r) {
    String name = r.pathVar("name");
    metastore.requireCatalog(name);
    grants.requireOwner(r.principal(), name, "Catalog");
    metastore.requireWritable(name);
    UpdateCatalog body = r.bodyAs(UpdateCatalog.class);
    if (body.getNewName() != null && !body.getNewName().equals(name)) {
      throw ApiException.invalid("Renaming catalogs is not supported by the sandbox.");
    }
    if (body.getComment() != null) {
      metastore.setComment(name, body.getComment());
    }
    if (body.getOwner() != null) {
      metastore.setOwner(name, body.getOwner());
    }
    return metastore.requireCatalog(name);
  }

  private ListSchemasResponse listSchemas(ApiRequest r) {
    String catalog =
        r.queryParam("catalog_name")
            .orElseThrow(() -> ApiException.invalid("Missing required field: catalog_name"));
    metastore.requireCatalog(catalog);
    grants.requireUseCatalog(r.principal(), catalog);
    List<SchemaInfo> visible =
        metastore.schemas(catalog).stream()
            .filter(s -> grants.canSee(r.principal(), s.getFullName()))
            .toList();
    Paging.Page<SchemaInfo> page = Paging.page(r, visible, PAGE_LIMIT);
    return new ListSchemasResponse()
        .setSchemas(page.items())
        .setNextPageToken(page.nextPageToken());
  }

  private SchemaInfo createSchema(ApiRequest r) {
    CreateSchema body = r.bodyAs(CreateSchema.class);
    if (body.getCatalogName() == null) {
      throw ApiException.invalid("Missing required field: catalog_name");
    }
    metastore.requireCatalog(body.getCatalogName());
    metastore.requireWritable(body.getCatalogName());
    grants.requireCreateSchema(r.principal(), body.getCatalogName());
    return metastore.createSchema(
        body.getCatalogName(), body.getName(), body.getComment(), r.principal().userName());
  }

  private SchemaInfo schema(ApiRequest r, String fullName) {
    String[] p = split(fullName, 2, "full_name");
    SchemaInfo schema = metastore.requireSchema(p[0], p[1]);
    grants.requireUseCatalog(r.principal(), p[0]);
    return visible(r, schema.getFullName(), "Schema", schema);
  }

  private SchemaInfo updateSchema(ApiRequest r) {
    String[] p = split(r.pathVar("full_name"), 2, "full_name");
    metastore.requireSchema(p[0], p[1]);
    metastore.requireWritable(p[0]);
    grants.requireOwner(r.principal(), r.pathVar("full_name"), "Schema");
    com.databricks.sdk.service.catalog.UpdateSchema body =
        r.bodyAs(com.databricks.sdk.service.catalog.UpdateSchema.class);
    if (body.getNewName() != null && !body.getNewName().equals(p[1])) {
      throw ApiException.invalid("Renaming schemas is not supported by the sandbox.");
    }
    String key = (p[0] + "." + p[1]).toLowerCase(java.util.Locale.ROOT);
    if (body.getComment() != null) {
      metastore.setComment(key, body.getComment());
    }
    if (body.getOwner() != null) {
      metastore.setOwner(key, body.getOwner());
    }
    return metastore.requireSchema(p[0], p[1]);
  }

  private ListTablesResponse listTables(ApiRequest r) {
    String catalog =
        r.queryParam("catalog_name")
            .orElseThrow(() -> ApiException.invalid("Missing required field: catalog_name"));
    String schema =
        r.queryParam("schema_name")
            .orElseThrow(() -> ApiException.invalid("Missing required field: schema_name"));
    metastore.requireCatalog(catalog);
    metastore.requireSchema(catalog, schema);
    grants.requireUseSchema(r.principal(), catalog, schema);
    List<TableInfo> tables =
        metastore.tables(catalog, schema, !r.boolParam("omit_columns")).stream()
            .filter(t -> grants.canSeeTable(r.principal(), t.getFullName()))
            .toList();
    Paging.Page<TableInfo> page = Paging.page(r, tables, 50);
    return new ListTablesResponse().setTables(page.items()).setNextPageToken(page.nextPageToken());
  }

  private TableInfo table(ApiRequest r, String fullName) {
    String[] p = split(fullName, 3, "full_name");
    TableInfo table = metastore.requireTable(p[0], p[1], p[2]);
    grants.requireUseSchema(r.principal(), p[0], p[1]);
    if (!grants.canSeeTable(r.principal(), table.getFullName())) {
      throw ApiException.denied(
          "User does not have SELECT on Table '" + table.getFullName() + "'.");
    }
    return table;
  }

  private TableExistsResponse tableExists(ApiRequest r) {
    String[] p = split(r.pathVar("full_name"), 3, "full_name");
    metastore.requireSchema(p[0], p[1]);
    boolean exists =
        metastore.tables(p[0], p[1], false).stream()
            .anyMatch(t -> t.getName().equalsIgnoreCase(p[2]));
    return new TableExistsResponse().setTableExists(exists);
  }

  /**
   * Name patterns as Databricks documents them: SQL LIKE wildcards '%' and '_' (any other
   * character, '*' included, stands for itself); every name when not set or empty.
   */
  private ListTableSummariesResponse tableSummaries(ApiRequest r) {
    String catalog =
        r.queryParam("catalog_name")
            .orElseThrow(() -> ApiException.invalid("Missing required field: catalog_name"));
    Pattern schemas =
        like(r.queryParam("schema_name_pattern").filter(p -> !p.isEmpty()).orElse("%"));
    Pattern tables = like(r.queryParam("table_name_pattern").filter(p -> !p.isEmpty()).orElse("%"));
    List<TableSummary> out = new ArrayList<>();
    metastore.requireCatalog(catalog);
    grants.requireUseCatalog(r.principal(), catalog);
    for (SchemaInfo s : metastore.schemas(catalog)) {
      if (schemas.matcher(s.getName()).matches()) {
        for (TableInfo t : metastore.tables(catalog, s.getName(), false)) {
          if (tables.matcher(t.getName()).matches()
              && grants.canSeeTable(r.principal(), t.getFullName())) {
            out.add(new TableSummary().setFullName(t.getFullName()).setTableType(t.getTableType()));
          }
        }
      }
    }
    Paging.Page<TableSummary> page = Paging.page(r, out, 10_000);
    return new ListTableSummariesResponse()
        .setTables(page.items())
        .setNextPageToken(page.nextPageToken());
  }

  private GetMetastoreSummaryResponse metastoreSummary() {
    return new GetMetastoreSummaryResponse()
        .setMetastoreId(Metastore.METASTORE_ID)
        .setName("sandbox-metastore")
        .setCloud("sandbox")
        .setRegion("local")
        .setOwner("admin@sandbox.local")
        .setStorageRoot("s3://sandbox-metastore/" + Metastore.METASTORE_ID)
        .setPrivilegeModelVersion("1.0");
  }

  static Pattern like(String pattern) {
    StringBuilder regex = new StringBuilder("(?i)");
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '%' -> regex.append(".*");
        case '_' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }

  private static String[] split(String fullName, int parts, String field) {
    String[] p = fullName.split("\\.");
    if (p.length != parts) {
      throw ApiException.invalid(
          "Invalid " + field + " '" + fullName + "': expected " + parts + " dot-separated parts.");
    }
    return p;
  }
}
