package dev.databricksmcp.sandbox.uc;

import com.databricks.sdk.service.catalog.CreateFunction;
import com.databricks.sdk.service.catalog.CreateFunctionRequest;
import com.databricks.sdk.service.catalog.CreateFunctionRoutineBody;
import com.databricks.sdk.service.catalog.FunctionInfo;
import com.databricks.sdk.service.catalog.FunctionParameterInfo;
import com.databricks.sdk.service.catalog.ListFunctionsResponse;
import dev.databricksmcp.sandbox.engine.CatalogNames;
import dev.databricksmcp.sandbox.engine.DuckDbEngine;
import dev.databricksmcp.sandbox.engine.Sql;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.http.Paging;
import dev.databricksmcp.sandbox.http.Router;
import dev.databricksmcp.sandbox.sql.SqlError;
import dev.databricksmcp.sandbox.sql.SqlTranslator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Unity Catalog functions: list, get, create, delete. A SQL function also becomes a DuckDB macro,
 * so {@code SELECT main.default.f(…)} works from SQL.
 */
public final class FunctionsApi implements ApiModule {
  private static final String BASE = "/api/2.1/unity-catalog/functions";

  private final DuckDbEngine engine;
  private final Metastore metastore;
  private final Grants grants;
  private final Functions functions;

  public FunctionsApi(
      DuckDbEngine engine, Metastore metastore, Grants grants, Functions functions) {
    this.engine = engine;
    this.metastore = metastore;
    this.grants = grants;
    this.functions = functions;
  }

  @Override
  public void register(Router router) {
    router.get(BASE, this::list);
    router.post(BASE, this::create);
    router.get(BASE + "/{name}", r -> find(r, r.pathVar("name")));
    router.delete(
        BASE + "/{name}",
        r -> {
          FunctionInfo f = find(r, r.pathVar("name"));
          grants.requireOwner(r.principal(), f.getFullName(), "Function");
          Sql.exec(engine, "DROP MACRO IF EXISTS " + qualified(f));
          functions.remove(f.getFullName());
          metastore.forget(f.getFullName());
          return Map.of();
        });
  }

  private ListFunctionsResponse list(ApiRequest r) {
    String catalog =
        r.queryParam("catalog_name")
            .orElseThrow(() -> ApiException.invalid("Missing required field: catalog_name"));
    String schema =
        r.queryParam("schema_name")
            .orElseThrow(() -> ApiException.invalid("Missing required field: schema_name"));
    metastore.requireSchema(catalog, schema);
    grants.requireUseSchema(r.principal(), catalog, schema);
    List<FunctionInfo> all = functions.inSchema(catalog, schema);
    Paging.Page<FunctionInfo> page = Paging.page(r, all, 10_000);
    return new ListFunctionsResponse()
        .setFunctions(page.items())
        .setNextPageToken(page.nextPageToken());
  }

  private FunctionInfo create(ApiRequest r) {
    CreateFunction req = r.bodyAs(CreateFunctionRequest.class).getFunctionInfo();
    if (req == null) {
      throw ApiException.invalid("Missing required field: function_info");
    }
    List<String> missing = missingRequiredFields(req);
    if (!missing.isEmpty()) {
      throw ApiException.invalid(
          "Missing required field(s) in function_info: " + String.join(", ", missing));
    }
    metastore.requireSchema(req.getCatalogName(), req.getSchemaName());
    metastore.requireWritable(req.getCatalogName());
    grants.requireUseSchema(r.principal(), req.getCatalogName(), req.getSchemaName());
    if (!grants.has(
        r.principal(),
        req.getCatalogName() + "." + req.getSchemaName(),
        com.databricks.sdk.service.catalog.Privilege.CREATE_FUNCTION)) {
      throw ApiException.denied(
          "User does not have CREATE FUNCTION on Schema '"
              + req.getCatalogName()
              + "."
              + req.getSchemaName()
              + "'.");
    }
    String full =
        (req.getCatalogName() + "." + req.getSchemaName() + "." + req.getName())
            .toLowerCase(Locale.ROOT);
    if (functions.contains(full)) {
      throw new ApiException(
          ErrorCode.RESOURCE_ALREADY_EXISTS, "Function '" + full + "' already exists");
    }
    FunctionInfo f = Json.MAPPER.convertValue(req, FunctionInfo.class);
    long now = CreationTimes.next();
    f.setName(Metastore.lower(req.getName()))
        .setCatalogName(Metastore.lower(req.getCatalogName()))
        .setSchemaName(Metastore.lower(req.getSchemaName()))
        .setFullName(full)
        .setOwner(r.principal().userName())
        .setCreatedBy(r.principal().userName())
        .setUpdatedBy(r.principal().userName())
        .setCreatedAt(now)
        .setUpdatedAt(now)
        .setMetastoreId(Metastore.METASTORE_ID)
        .setFunctionId(
            UUID.randomUUID().toString()); // re-created under the same name: a new function
    if (req.getRoutineBody() == CreateFunctionRoutineBody.SQL) {
      createMacro(f, r.principal().userName());
    }
    functions.add(f);
    metastore.setOwner(full, r.principal().userName());
    return f;
  }

  /** The fields of {@code function_info} the API spec requires, those absent here. */
  private static List<String> missingRequiredFields(CreateFunction f) {
    Map<String, Object> required = new LinkedHashMap<>();
    required.put("name", f.getName());
    required.put("catalog_name", f.getCatalogName());
    required.put("schema_name", f.getSchemaName());
    required.put("input_params", f.getInputParams());
    required.put("data_type", f.getDataType());
    required.put("full_data_type", f.getFullDataType());
    required.put("routine_body", f.getRoutineBody());
    required.put("routine_definition", f.getRoutineDefinition());
    required.put("parameter_style", f.getParameterStyle());
    required.put("is_deterministic", f.getIsDeterministic());
    required.put("is_null_call", f.getIsNullCall());
    required.put("sql_data_access", f.getSqlDataAccess());
    required.put("security_type", f.getSecurityType());
    required.put("specific_name", f.getSpecificName());
    List<String> out = new ArrayList<>();
    required.forEach(
        (field, value) -> {
          if (value == null) {
            out.add(field);
          }
        });
    return out;
  }

  /** The SQL body as a DuckDB macro with the same parameters. */
  private void createMacro(FunctionInfo f, String user) {
    List<String> params = new ArrayList<>();
    if (f.getInputParams() != null && f.getInputParams().getParameters() != null) {
      for (FunctionParameterInfo p : f.getInputParams().getParameters()) {
        params.add(CatalogNames.quote(p.getName()));
      }
    }
    String body;
    try {
      // read and checked as one statement like any other SQL, so the macro cannot carry a second
      // one
      body =
          SqlTranslator.translate(
                  f.getRoutineDefinition() == null ? "NULL" : f.getRoutineDefinition(),
                  new SqlTranslator.Context(user, f.getCatalogName(), f.getSchemaName(), Set.of()))
              .sql();
    } catch (SqlError e) {
      throw ApiException.invalid(
          "The function body cannot be compiled by the sandbox: " + e.databricksMessage());
    }
    try {
      Sql.exec(
          engine,
          "CREATE MACRO " + qualified(f) + "(" + String.join(", ", params) + ") AS (" + body + ")");
    } catch (IllegalStateException e) {
      throw ApiException.invalid(
          "The function body cannot be compiled by the sandbox: "
              + e.getMessage().replaceFirst("^sandbox SQL failed: ", ""));
    }
  }

  private static String qualified(FunctionInfo f) {
    return CatalogNames.qualified(f.getCatalogName(), f.getSchemaName(), f.getName());
  }

  private FunctionInfo find(ApiRequest r, String name) {
    String[] p = name.toLowerCase(Locale.ROOT).split("\\.");
    if (p.length != 3) {
      throw ApiException.invalid(
          "Invalid function name '" + name + "': expected catalog.schema.function.");
    }
    metastore.requireSchema(p[0], p[1]);
    FunctionInfo f = functions.get(String.join(".", p));
    if (f == null) {
      throw new ApiException(
          ErrorCode.FUNCTION_DOES_NOT_EXIST, "Routine or function '" + name + "' does not exist.");
    }
    grants.requireUseSchema(r.principal(), p[0], p[1]);
    return f;
  }
}
