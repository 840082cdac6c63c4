package dev.databricksmcp.server.tools.catalog;

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
import dev.databricksmcp.server.core.Pages;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Catalogs and the metastore summary. */
public final class CatalogTools {
  private CatalogTools() {}

  public static List<ToolDef> definitions(MetadataCache cache) {
    return List.of(list(cache), get(cache), create(), update(), delete(), metastore());
  }

  static ToolDef list(MetadataCache cache) {
    return ToolDef.builder(CatalogToolset.ID, "list_catalogs")
        .title("List catalogs")
        .description(
            "Unity Catalog catalogs you can see: name, type, owner, comment, last update."
                + " detail=true for every field.")
        .input(
            Schema.object()
                .bool("detail", "Return every field")
                .paging(Pages.DEFAULT_MAX_RESULTS, Pages.MAX_RESULTS_LIMIT))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              ListCatalogsRequest req =
                  new ListCatalogsRequest().setMaxResults((long) Pages.maxResults(args));
              args.optionalString("page_token").ifPresent(req::setPageToken);
              ListCatalogsResponse page =
                  cache.get(
                      ctx,
                      "catalogs\n" + req.getMaxResults() + "\n" + req.getPageToken(),
                      () -> ctx.workspace().catalogs().impl().list(req));
              List<Object> rows = new ArrayList<>();
              if (page.getCatalogs() != null) {
                page.getCatalogs()
                    .forEach(
                        c -> rows.add(args.bool("detail", false) ? c : CatalogRows.catalog(c)));
              }
              return Pages.page("catalogs", rows, page.getNextPageToken());
            })
        .build();
  }

  static ToolDef get(MetadataCache cache) {
    return ToolDef.builder(CatalogToolset.ID, "get_catalog")
        .title("Get catalog")
        .description("One catalog in full: owner, comment, type, properties, storage, times.")
        .input(Schema.object().string("name", "Catalog name", true))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              String name = Names.part("name", args.string("name"));
              CatalogInfo c =
                  cache.get(
                      ctx,
                      "catalog\n" + name,
                      () ->
                          ctx.workspace()
                              .catalogs()
                              .get(new GetCatalogRequest().setName(Names.path(name))));
              return ToolResult.of(c, "Catalog " + c.getName() + ".");
            })
        .build();
  }

  static ToolDef create() {
    return ToolDef.builder(CatalogToolset.ID, "create_catalog")
        .title("Create catalog")
        .description("Create a Unity Catalog catalog (needs CREATE CATALOG on the metastore).")
        .input(
            Schema.object()
                .string("name", "Catalog name", true)
                .string("comment", "What it holds", false))
        .hints(ToolHints.write(false))
        .checkWith("get_catalog")
        .handler(
            (args, ctx) -> {
              CreateCatalog req =
                  new CreateCatalog().setName(Names.part("name", args.string("name")));
              args.optionalString("comment").ifPresent(req::setComment);
              CatalogInfo c = ctx.workspace().catalogs().create(req);
              return ToolResult.of(CatalogRows.catalog(c), "Created catalog " + c.getName() + ".");
            })
        .build();
  }

  static ToolDef update() {
    return ToolDef.builder(CatalogToolset.ID, "update_catalog")
        .title("Update catalog")
        .description("Change a catalog's comment or owner; an owner change is confirmed first.")
        .input(
            Schema.object()
                .string("name", "Catalog name", true)
                .string("comment", "New comment", false)
                .string("owner", "New owner (user, group or service principal)", false))
        // a new owner can take control away from the current one: confirmed; a comment alone is not
        .hints(ToolHints.destructive(true))
        .confirmTarget(
            (args, ctx) -> {
              if (!args.has("owner")) {
                return null;
              }
              String name = Names.part("name", args.string("name"));
              CatalogInfo c =
                  ctx.workspace().catalogs().get(new GetCatalogRequest().setName(Names.path(name)));
              return new ConfirmationTarget(
                  "change the owner of catalog '"
                      + name
                      + "' from "
                      + c.getOwner()
                      + " to "
                      + args.string("owner")
                      + " in "
                      + ctx.workspaceHost(),
                  name + "|" + c.getCreatedAt() + "|" + c.getOwner());
            })
        .checkWith("get_catalog")
        .handler(
            (args, ctx) -> {
              if (!args.has("comment") && !args.has("owner")) {
                throw dev.databricksmcp.server.core.ToolException.validation(
                    "comment", "give comment and/or owner to change");
              }
              UpdateCatalog req =
                  new UpdateCatalog().setName(Names.path(Names.part("name", args.string("name"))));
              args.optionalString("comment").ifPresent(req::setComment);
              args.optionalString("owner").ifPresent(req::setOwner);
              CatalogInfo c = ctx.workspace().catalogs().update(req);
              return ToolResult.of(CatalogRows.catalog(c), "Updated catalog " + c.getName() + ".");
            })
        .build();
  }

  static ToolDef delete() {
    return ToolDef.builder(CatalogToolset.ID, "delete_catalog")
        .title("Delete catalog")
        .description(
            "Delete a catalog. A catalog that still holds schemas or tables is refused unless"
                + " force=true, which deletes them too.")
        .input(
            Schema.object()
                .string("name", "Catalog name", true)
                .bool("force", "Also delete everything in it"))
        .hints(ToolHints.destructive(true))
        .checkWith("get_catalog")
        .confirmTarget(
            (args, ctx) -> {
              String name = Names.part("name", args.string("name"));
              CatalogInfo c =
                  ctx.workspace().catalogs().get(new GetCatalogRequest().setName(Names.path(name)));
              return new ConfirmationTarget(
                  "delete catalog '"
                      + name
                      + "'"
                      + (args.bool("force", false) ? " and everything in it" : "")
                      + " in "
                      + ctx.workspaceHost(),
                  name + "|" + c.getCreatedAt() + "|" + c.getOwner());
            })
        .handler(
            (args, ctx) -> {
              String name = Names.part("name", args.string("name"));
              ctx.workspace()
                  .catalogs()
                  .delete(
                      new DeleteCatalogRequest()
                          .setName(Names.path(name))
                          .setForce(args.bool("force", false)));
              return ToolResult.of(
                  Map.of("name", name, "deleted", true), "Deleted catalog " + name + ".");
            })
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
              return ToolResult.of(m, "Metastore " + m.getName() + ".");
            })
        .build();
  }
}
