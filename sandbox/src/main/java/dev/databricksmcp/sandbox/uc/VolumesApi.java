package dev.databricksmcp.sandbox.uc;

import com.databricks.sdk.service.catalog.CreateVolumeRequestContent;
import com.databricks.sdk.service.catalog.ListVolumesResponseContent;
import com.databricks.sdk.service.catalog.UpdateVolumeRequestContent;
import com.databricks.sdk.service.catalog.VolumeInfo;
import com.databricks.sdk.service.catalog.VolumeType;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Paging;
import dev.databricksmcp.sandbox.http.Router;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Unity Catalog volumes: list, create, get, update, delete (metadata; files are not stored). */
public final class VolumesApi implements ApiModule {
  private static final String BASE = "/api/2.1/unity-catalog/volumes";

  private final Metastore metastore;
  private final Grants grants;
  private final Volumes volumes;

  public VolumesApi(Metastore metastore, Grants grants, Volumes volumes) {
    this.metastore = metastore;
    this.grants = grants;
    this.volumes = volumes;
  }

  @Override
  public void register(Router router) {
    router.get(BASE, this::list);
    router.post(BASE, this::create);
    router.get(BASE + "/{name}", r -> find(r, r.pathVar("name")));
    router.patch(BASE + "/{name}", this::update);
    router.delete(
        BASE + "/{name}",
        r -> {
          VolumeInfo v = find(r, r.pathVar("name"));
          grants.requireOwner(r.principal(), v.getFullName(), "Volume");
          volumes.remove(v.getFullName());
          metastore.forget(v.getFullName());
          return Map.of();
        });
  }

  private ListVolumesResponseContent list(ApiRequest r) {
    String catalog =
        r.queryParam("catalog_name")
            .orElseThrow(() -> ApiException.invalid("Missing required field: catalog_name"));
    String schema =
        r.queryParam("schema_name")
            .orElseThrow(() -> ApiException.invalid("Missing required field: schema_name"));
    metastore.requireSchema(catalog, schema);
    grants.requireUseSchema(r.principal(), catalog, schema);
    List<VolumeInfo> all = volumes.inSchema(catalog, schema);
    Paging.Page<VolumeInfo> page = Paging.page(r, all, 10_000);
    return new ListVolumesResponseContent()
        .setVolumes(page.items())
        .setNextPageToken(page.nextPageToken());
  }

  private VolumeInfo create(ApiRequest r) {
    CreateVolumeRequestContent req = r.bodyAs(CreateVolumeRequestContent.class);
    if (req.getCatalogName() == null
        || req.getSchemaName() == null
        || req.getName() == null
        || req.getVolumeType() == null) {
      throw ApiException.invalid(
          "Missing required field: catalog_name, schema_name, name and volume_type are required");
    }
    metastore.requireSchema(req.getCatalogName(), req.getSchemaName());
    metastore.requireWritable(req.getCatalogName());
    grants.requireUseSchema(r.principal(), req.getCatalogName(), req.getSchemaName());
    if (!grants.has(
        r.principal(),
        req.getCatalogName() + "." + req.getSchemaName(),
        com.databricks.sdk.service.catalog.Privilege.CREATE_VOLUME)) {
      throw ApiException.denied(
          "User does not have CREATE VOLUME on Schema '"
              + req.getCatalogName()
              + "."
              + req.getSchemaName()
              + "'.");
    }
    VolumeType type = req.getVolumeType();
    if (type == VolumeType.EXTERNAL
        && (req.getStorageLocation() == null || req.getStorageLocation().isBlank())) {
      throw ApiException.invalid("storage_location is required for EXTERNAL volumes.");
    }
    String full =
        (req.getCatalogName() + "." + req.getSchemaName() + "." + req.getName())
            .toLowerCase(Locale.ROOT);
    if (volumes.contains(full)) {
      throw new ApiException(
          ErrorCode.RESOURCE_ALREADY_EXISTS, "Volume '" + full + "' already exists");
    }
    String id =
        UUID.randomUUID().toString(); // a volume re-created under the same name is a new volume
    long now = CreationTimes.next();
    VolumeInfo v =
        new VolumeInfo()
            .setName(Metastore.lower(req.getName()))
            .setCatalogName(Metastore.lower(req.getCatalogName()))
            .setSchemaName(Metastore.lower(req.getSchemaName()))
            .setFullName(full)
            .setVolumeType(type)
            .setComment(req.getComment())
            .setOwner(r.principal().userName())
            .setCreatedBy(r.principal().userName())
            .setUpdatedBy(r.principal().userName())
            .setCreatedAt(now)
            .setUpdatedAt(now)
            .setVolumeId(id)
            .setMetastoreId(Metastore.METASTORE_ID)
            .setStorageLocation(
                type == VolumeType.EXTERNAL
                    ? req.getStorageLocation()
                    : "s3://sandbox-metastore/" + Metastore.METASTORE_ID + "/volumes/" + id);
    volumes.add(v);
    metastore.setOwner(full, r.principal().userName());
    return v;
  }

  private VolumeInfo update(ApiRequest r) {
    VolumeInfo v = find(r, r.pathVar("name"));
    grants.requireOwner(r.principal(), v.getFullName(), "Volume");
    UpdateVolumeRequestContent req = r.bodyAs(UpdateVolumeRequestContent.class);
    if (req.getNewName() != null && !req.getNewName().equals(v.getName())) {
      throw ApiException.invalid("Renaming volumes is not supported by the sandbox.");
    }
    if (req.getComment() != null) {
      v.setComment(req.getComment());
    }
    if (req.getOwner() != null) {
      v.setOwner(req.getOwner());
      metastore.setOwner(v.getFullName(), req.getOwner());
    }
    v.setUpdatedAt(System.currentTimeMillis()).setUpdatedBy(r.principal().userName());
    return v;
  }

  private VolumeInfo find(ApiRequest r, String name) {
    String[] p = name.toLowerCase(Locale.ROOT).split("\\.");
    if (p.length != 3) {
      throw ApiException.invalid(
          "Invalid volume name '" + name + "': expected catalog.schema.volume.");
    }
    metastore.requireSchema(p[0], p[1]);
    VolumeInfo v = volumes.get(String.join(".", p));
    if (v == null) {
      throw new ApiException(
          ErrorCode.RESOURCE_DOES_NOT_EXIST, "Volume '" + name + "' does not exist.");
    }
    grants.requireUseSchema(r.principal(), p[0], p[1]);
    return v;
  }
}
