package dev.databricksmcp.sandbox.uc;

import com.databricks.sdk.service.catalog.CreateRegisteredModelRequest;
import com.databricks.sdk.service.catalog.ListModelVersionsResponse;
import com.databricks.sdk.service.catalog.ListRegisteredModelsResponse;
import com.databricks.sdk.service.catalog.ModelVersionInfo;
import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.catalog.RegisteredModelAlias;
import com.databricks.sdk.service.catalog.RegisteredModelInfo;
import com.databricks.sdk.service.catalog.SetRegisteredModelAliasRequest;
import com.databricks.sdk.service.catalog.UpdateModelVersionRequest;
import com.databricks.sdk.service.catalog.UpdateRegisteredModelRequest;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Paging;
import dev.databricksmcp.sandbox.http.Router;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Unity Catalog registered models, their versions and aliases. Reading a model or its versions
 * takes EXECUTE on it (or ownership) besides USE CATALOG and USE SCHEMA; changing or deleting one
 * takes ownership; creating one takes CREATE MODEL or CREATE FUNCTION on the schema
 * (https://docs.databricks.com/api/uc-registered-models/v1/registered-model.md). Versions are made
 * by MLflow's registry in Databricks; here they come with the sample data ({@link SampleModels}) or
 * from {@link RegisteredModels#addVersion}.
 */
public final class RegisteredModelsApi implements ApiModule {
  private static final String BASE = "/api/2.1/unity-catalog/models";
  private static final String MODEL = BASE + "/{full_name}";

  private final Metastore metastore;
  private final Grants grants;
  private final RegisteredModels models;

  public RegisteredModelsApi(Metastore metastore, Grants grants, RegisteredModels models) {
    this.metastore = metastore;
    this.grants = grants;
    this.models = models;
  }

  @Override
  public void register(Router router) {
    router.get(BASE, this::list);
    router.post(BASE, this::create);
    router.get(MODEL, r -> aliases(r, readable(r)));
    router.patch(MODEL, this::update);
    router.delete(
        MODEL,
        r -> {
          RegisteredModelInfo m = owned(r);
          models.remove(m.getFullName());
          metastore.forget(m.getFullName());
          return Map.of();
        });
    router.put(MODEL + "/aliases/{alias}", this::setAlias);
    router.delete(
        MODEL + "/aliases/{alias}",
        r -> {
          RegisteredModelInfo m = owned(r);
          if (!models.removeAlias(m.getFullName(), r.pathVar("alias"))) {
            throw aliasMissing(m, r.pathVar("alias"));
          }
          return Map.of();
        });
    router.get(
        MODEL + "/aliases/{alias}",
        r -> {
          RegisteredModelInfo m = readable(r);
          return aliases(
              r,
              models
                  .versionByAlias(m.getFullName(), r.pathVar("alias"))
                  .orElseThrow(() -> aliasMissing(m, r.pathVar("alias"))));
        });
    router.get(MODEL + "/versions", this::listVersions);
    router.get(MODEL + "/versions/{version}", r -> aliases(r, version(r, readable(r))));
    router.patch(MODEL + "/versions/{version}", this::updateVersion);
    router.delete(
        MODEL + "/versions/{version}",
        r -> {
          RegisteredModelInfo m = owned(r);
          models.removeVersion(m.getFullName(), version(r, m).getVersion());
          return Map.of();
        });
  }

  /**
   * Both or neither of catalog_name and schema_name; the models the caller may read (the rest are
   * left out, as the reference says). Each carries its aliases: the list has no include_aliases to
   * ask for them, and the object has them (a choice where the reference is silent).
   */
  private ListRegisteredModelsResponse list(ApiRequest r) {
    String catalog = r.queryParam("catalog_name").map(Metastore::lower).orElse(null);
    String schema = r.queryParam("schema_name").map(Metastore::lower).orElse(null);
    if ((catalog == null) != (schema == null)) {
      throw ApiException.invalid(
          "catalog_name and schema_name must be given together, or neither of them.");
    }
    if (catalog != null) {
      metastore.requireSchema(catalog, schema);
    }
    String prefix = catalog == null ? "" : catalog + "." + schema + ".";
    List<RegisteredModelInfo> visible =
        models.all().stream()
            .filter(m -> m.getFullName().startsWith(prefix))
            .filter(m -> mayRead(r.principal(), m.getFullName()))
            .toList();
    Paging.Page<RegisteredModelInfo> page =
        Paging.page(r, visible, catalog == null ? 1000 : 10_000);
    return new ListRegisteredModelsResponse()
        .setRegisteredModels(page.items())
        .setNextPageToken(page.nextPageToken());
  }

  private RegisteredModelInfo create(ApiRequest r) {
    CreateRegisteredModelRequest req = r.bodyAs(CreateRegisteredModelRequest.class);
    if (req.getCatalogName() == null || req.getSchemaName() == null || req.getName() == null) {
      throw ApiException.invalid(
          "Missing required field: catalog_name, schema_name and name are required");
    }
    Metastore.validName("name", req.getName());
    String catalog = Metastore.lower(req.getCatalogName());
    String schema = Metastore.lower(req.getSchemaName());
    metastore.requireSchema(catalog, schema);
    metastore.requireWritable(catalog);
    grants.requireUseSchema(r.principal(), catalog, schema);
    if (!grants.has(r.principal(), catalog + "." + schema, Privilege.CREATE_MODEL)
        && !grants.has(r.principal(), catalog + "." + schema, Privilege.CREATE_FUNCTION)) {
      throw ApiException.denied(
          "User does not have CREATE MODEL on Schema '" + catalog + "." + schema + "'.");
    }
    String full = catalog + "." + schema + "." + Metastore.lower(req.getName());
    if (models.model(full).isPresent()) {
      throw new ApiException(
          ErrorCode.RESOURCE_ALREADY_EXISTS, "Registered model '" + full + "' already exists.");
    }
    long now = CreationTimes.next();
    String user = r.principal().userName();
    RegisteredModelInfo m =
        new RegisteredModelInfo()
            .setName(Metastore.lower(req.getName()))
            .setCatalogName(catalog)
            .setSchemaName(schema)
            .setFullName(full)
            .setComment(req.getComment())
            .setOwner(user)
            .setCreatedBy(user)
            .setCreatedAt(now)
            .setUpdatedBy(user)
            .setUpdatedAt(now)
            .setMetastoreId(Metastore.METASTORE_ID)
            .setStorageLocation(
                req.getStorageLocation() != null
                    ? req.getStorageLocation()
                    : "s3://sandbox-metastore/" + Metastore.METASTORE_ID + "/models/" + full);
    models.add(m);
    metastore.setOwner(full, user);
    return models.model(full).orElseThrow();
  }

  /** Comment, owner and name, the only fields the reference lets an update change. */
  private RegisteredModelInfo update(ApiRequest r) {
    RegisteredModelInfo m = owned(r);
    UpdateRegisteredModelRequest req = r.bodyAs(UpdateRegisteredModelRequest.class);
    String oldName = m.getFullName();
    if (req.getComment() != null) {
      m.setComment(req.getComment());
    }
    if (req.getOwner() != null) {
      m.setOwner(req.getOwner());
    }
    m.setUpdatedAt(System.currentTimeMillis()).setUpdatedBy(r.principal().userName());
    if (req.getNewName() != null && !Metastore.lower(req.getNewName()).equals(m.getName())) {
      rename(m, req.getNewName());
    }
    models.replace(oldName, m);
    if (!oldName.equals(m.getFullName())) {
      moveGrants(oldName, m.getFullName());
    }
    metastore.setOwner(m.getFullName(), m.getOwner());
    return models.model(m.getFullName()).orElseThrow();
  }

  private void rename(RegisteredModelInfo m, String newName) {
    Metastore.validName("new_name", newName);
    String full = m.getCatalogName() + "." + m.getSchemaName() + "." + Metastore.lower(newName);
    if (models.model(full).isPresent()) {
      throw new ApiException(
          ErrorCode.RESOURCE_ALREADY_EXISTS, "Registered model '" + full + "' already exists.");
    }
    m.setName(Metastore.lower(newName)).setFullName(full);
  }

  /** Grants belong to the model, not its name: a renamed model keeps them. */
  private void moveGrants(String from, String to) {
    Map<String, Set<Privilege>> held = grants.direct(from);
    metastore.forget(from);
    held.forEach((principal, privileges) -> grants.grant(to, principal, privileges));
  }

  private RegisteredModelAlias setAlias(ApiRequest r) {
    RegisteredModelInfo m = owned(r);
    SetRegisteredModelAliasRequest req = r.bodyAs(SetRegisteredModelAliasRequest.class);
    if (req.getVersionNum() == null) {
      throw ApiException.invalid("Missing required field: version_num");
    }
    String alias = r.pathVar("alias");
    if (alias.isBlank()) {
      throw ApiException.invalid("Missing required field: alias");
    }
    long number = req.getVersionNum();
    models
        .version(m.getFullName(), number)
        .orElseThrow(() -> versionMissing(m, String.valueOf(number)));
    models.setAlias(m.getFullName(), alias, number);
    return new RegisteredModelAlias()
        .setAliasName(alias)
        .setVersionNum(number)
        .setCatalogName(m.getCatalogName())
        .setSchemaName(m.getSchemaName())
        .setModelName(m.getName());
  }

  private ListModelVersionsResponse listVersions(ApiRequest r) {
    RegisteredModelInfo m = readable(r);
    Paging.Page<ModelVersionInfo> page = Paging.page(r, models.versions(m.getFullName()), 1000);
    return new ListModelVersionsResponse()
        .setModelVersions(page.items())
        .setNextPageToken(page.nextPageToken());
  }

  /** Only the comment of a version can be changed, as the reference says. */
  private ModelVersionInfo updateVersion(ApiRequest r) {
    RegisteredModelInfo m = owned(r);
    ModelVersionInfo v = version(r, m);
    UpdateModelVersionRequest req = r.bodyAs(UpdateModelVersionRequest.class);
    if (req.getComment() != null) {
      models.setVersionComment(
          m.getFullName(),
          v.getVersion(),
          req.getComment(),
          r.principal().userName(),
          System.currentTimeMillis());
    }
    return models.version(m.getFullName(), v.getVersion()).orElseThrow();
  }

  // --- finding and checking

  /** The model of the path, for a caller who may read it. */
  private RegisteredModelInfo readable(ApiRequest r) {
    RegisteredModelInfo m = find(r);
    if (!grants.has(r.principal(), m.getFullName(), Privilege.EXECUTE)) {
      throw ApiException.denied(
          "User does not have EXECUTE on Routine or Model '" + m.getFullName() + "'.");
    }
    return m;
  }

  /** The model of the path, for its owner (or an admin). */
  private RegisteredModelInfo owned(ApiRequest r) {
    RegisteredModelInfo m = find(r);
    grants.requireOwner(r.principal(), m.getFullName(), "Registered model");
    return m;
  }

  private RegisteredModelInfo find(ApiRequest r) {
    String name = r.pathVar("full_name");
    String[] p = name.toLowerCase(Locale.ROOT).split("\\.");
    if (p.length != 3) {
      throw ApiException.invalid(
          "Invalid registered model name '" + name + "': expected catalog.schema.model.");
    }
    metastore.requireSchema(p[0], p[1]);
    RegisteredModelInfo m =
        models
            .model(String.join(".", p))
            .orElseThrow(
                () ->
                    new ApiException(
                        ErrorCode.RESOURCE_DOES_NOT_EXIST,
                        "Routine or Model '" + name + "' does not exist."));
    grants.requireUseSchema(r.principal(), p[0], p[1]);
    return m;
  }

  private boolean mayRead(Principal p, String fullName) {
    String[] n = fullName.split("\\.");
    return grants.has(p, n[0], Privilege.USE_CATALOG)
        && grants.has(p, n[0] + "." + n[1], Privilege.USE_SCHEMA)
        && grants.has(p, fullName, Privilege.EXECUTE);
  }

  private ModelVersionInfo version(ApiRequest r, RegisteredModelInfo m) {
    String raw = r.pathVar("version");
    long number;
    try {
      number = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw ApiException.invalid("Invalid version '" + raw + "': a version is a whole number.");
    }
    return models.version(m.getFullName(), number).orElseThrow(() -> versionMissing(m, raw));
  }

  /** Aliases only when include_aliases=true, as the get endpoints document it. */
  private static <T> T aliases(ApiRequest r, T info) {
    if (!r.boolParam("include_aliases")) {
      if (info instanceof RegisteredModelInfo m) {
        m.setAliases(null);
      } else if (info instanceof ModelVersionInfo v) {
        v.setAliases(null);
      }
    }
    return info;
  }

  private static ApiException versionMissing(RegisteredModelInfo m, String version) {
    return new ApiException(
        ErrorCode.RESOURCE_DOES_NOT_EXIST,
        "Model version '" + m.getFullName() + "/" + version + "' does not exist.");
  }

  private static ApiException aliasMissing(RegisteredModelInfo m, String alias) {
    return new ApiException(
        ErrorCode.RESOURCE_DOES_NOT_EXIST,
        "Alias '" + alias + "' of registered model '" + m.getFullName() + "' does not exist.");
  }
}
