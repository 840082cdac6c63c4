package dev.databricksmcp.server.tools.catalog;

import static dev.databricksmcp.server.tools.catalog.CatalogParams.COMMENT;
import static dev.databricksmcp.server.tools.catalog.CatalogParams.FORCE;
import static dev.databricksmcp.server.tools.catalog.CatalogParams.NAME;
import static dev.databricksmcp.server.tools.catalog.CatalogParams.NEW_COMMENT;
import static dev.databricksmcp.server.tools.catalog.CatalogParams.NEW_OWNER;

import com.databricks.sdk.service.catalog.CatalogInfo;
import com.databricks.sdk.service.catalog.CreateCatalog;
import com.databricks.sdk.service.catalog.DeleteCatalogRequest;
import com.databricks.sdk.service.catalog.GetCatalogRequest;
import com.databricks.sdk.service.catalog.GetMetastoreSummaryResponse;
import com.databricks.sdk.service.catalog.ListCatalogsRequest;
import com.databricks.sdk.service.catalog.ListCatalogsResponse;
import com.databricks.sdk.service.catalog.UpdateCatalog;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.Names;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.patterns.Deletion;
import dev.databricksmcp.server.core.patterns.GivenFields;
import dev.databricksmcp.server.core.patterns.Listing;
import dev.databricksmcp.server.core.patterns.Lookup;
import java.util.List;
import java.util.Map;

/** Catalogs and the metastore summary. */
public final class CatalogTools {
  private CatalogTools() {}

  public static List<ToolDef> definitions(MetadataCache cache) {
    return List.of(list(cache), get(cache), create(), update(), delete(), metastore());
  }

  static ToolDef list(MetadataCache cache) {
    Listing<CatalogInfo> listing =
        Listing.of(
                "catalogs",
                (page, args, ctx) -> {
                  ListCatalogsResponse r =
                      cache.get(
                          ctx,
                          new CacheKey.Catalogs(page.maxResults(), page.pageToken()),
                          () ->
                              ctx.workspace()
                                  .catalogs()
                                  .impl()
                                  .list(
                                      new ListCatalogsRequest()
                                          .setMaxResults((long) page.maxResults())
                                          .setPageToken(page.pageToken())));
                  return Listing.Page.of(r.getCatalogs(), r.getNextPageToken());
                })
            .compact(CatalogRows::catalog, CatalogRows::catalogDetail);
    return ToolDef.builder(CatalogToolset.ID, "list_catalogs")
        .title("List catalogs")
        .description(
            "Unity Catalog catalogs you can see: name, type, owner, comment, updated_at."
                + " detail=true adds what get_catalog shows (storage, properties, times).")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  /** A catalog as the API has it now (not cached: for confirmations and deletes). */
  private static CatalogInfo read(com.databricks.sdk.WorkspaceClient w, String name) {
    return w.catalogs().get(new GetCatalogRequest().setName(Names.path(name)));
  }

  static ToolDef get(MetadataCache cache) {
    Lookup<CatalogInfo> lookup =
        Lookup.of(
                NAME,
                (name, ctx) ->
                    cache.get(ctx, new CacheKey.Catalog(name), () -> read(ctx.workspace(), name)),
                (CatalogInfo c) -> "Catalog " + c.getName() + ".")
            .shape(CatalogRows::catalogDetail);
    return ToolDef.builder(CatalogToolset.ID, "get_catalog")
        .title("Get catalog")
        .description(
            "One catalog in full: type, owner, comment, storage, properties, isolation mode,"
                + " created/updated.")
        .input(lookup.input())
        .hints(ToolHints.read())
        .handler(lookup)
        .build();
  }

  static ToolDef create() {
    GivenFields<CreateCatalog> fields =
        GivenFields.<CreateCatalog>of().field(COMMENT, CreateCatalog::setComment);
    return ToolDef.builder(CatalogToolset.ID, "create_catalog")
        .title("Create catalog")
        .description("Create a Unity Catalog catalog (needs CREATE CATALOG on the metastore).")
        .input(Schema.of(NAME).params(fields.params()))
        .hints(ToolHints.write(false))
        .checkWith("get_catalog")
        .handler(
            (args, ctx) -> {
              CreateCatalog req = fields.apply(args, new CreateCatalog().setName(NAME.of(args)));
              CatalogInfo c = ctx.workspace().catalogs().create(req);
              return ToolResult.of(CatalogRows.catalog(c), "Created catalog " + c.getName() + ".");
            })
        .build();
  }

  static ToolDef update() {
    GivenFields<UpdateCatalog> changes =
        GivenFields.<UpdateCatalog>of()
            .field(NEW_COMMENT, UpdateCatalog::setComment)
            .field(NEW_OWNER, UpdateCatalog::setOwner);
    return ToolDef.builder(CatalogToolset.ID, "update_catalog")
        .title("Update catalog")
        .description("Change a catalog's comment or owner; an owner change is confirmed first.")
        .input(Schema.of(NAME).params(changes.params()))
        // a new owner can take control away from the current one: confirmed; a comment alone is not
        .hints(ToolHints.destructive(true))
        .confirmTarget(
            (args, ctx) -> {
              if (!NEW_OWNER.given(args)) {
                return null;
              }
              String name = NAME.of(args);
              CatalogInfo c = read(ctx.workspace(), name);
              return new ConfirmationTarget(
                  "change the owner of catalog '"
                      + name
                      + "' from "
                      + c.getOwner()
                      + " to "
                      + NEW_OWNER.of(args)
                      + " in "
                      + ctx.workspaceHost(),
                  name + "|" + c.getCreatedAt() + "|" + c.getOwner());
            })
        .checkWith("get_catalog")
        .handler(
            (args, ctx) -> {
              changes.requireAny(args);
              UpdateCatalog req =
                  changes.apply(args, new UpdateCatalog().setName(Names.path(NAME.of(args))));
              CatalogInfo c = ctx.workspace().catalogs().update(req);
              return ToolResult.of(CatalogRows.catalog(c), "Updated catalog " + c.getName() + ".");
            })
        .build();
  }

  static ToolDef delete() {
    Deletion<CatalogInfo> deletion =
        Deletion.of(
            (args, ctx) -> read(ctx.workspace(), NAME.of(args)),
            (c, args, ctx) ->
                ConfirmationTarget.irreversible(
                    "delete catalog '"
                        + c.getName()
                        + "'"
                        + (FORCE.of(args) ? " and everything in it" : "")
                        + " in "
                        + ctx.workspaceHost(),
                    c.getName() + "|" + c.getCreatedAt() + "|" + c.getOwner()),
            (c, args, ctx) -> {
              ctx.workspace()
                  .catalogs()
                  .delete(
                      new DeleteCatalogRequest()
                          .setName(Names.path(c.getName()))
                          .setForce(FORCE.of(args)));
              return ToolResult.of(
                  Map.of("name", c.getName(), "deleted", true),
                  "Deleted catalog " + c.getName() + ".");
            });
    return ToolDef.builder(CatalogToolset.ID, "delete_catalog")
        .title("Delete catalog")
        .description(
            "Delete a catalog. A catalog that still holds schemas or tables is refused unless"
                + " force=true, which deletes them too.")
        .input(Schema.of(NAME, FORCE))
        .hints(ToolHints.destructive(true))
        .checkWith("get_catalog")
        .confirmTarget(deletion)
        .handler(deletion)
        .build();
  }

  static ToolDef metastore() {
    return ToolDef.builder(CatalogToolset.ID, "get_metastore")
        .title("Get metastore")
        .description(
            "The Unity Catalog metastore this workspace uses: id, name, region, cloud, owner,"
                + " storage root.")
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              GetMetastoreSummaryResponse m = ctx.workspace().metastores().summary();
              return ToolResult.of(CatalogRows.metastore(m), "Metastore " + m.getName() + ".");
            })
        .build();
  }
}
