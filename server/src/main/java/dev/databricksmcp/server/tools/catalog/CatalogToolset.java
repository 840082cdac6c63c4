package dev.databricksmcp.server.tools.catalog;

import dev.databricksmcp.server.core.ModuleContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolsetModule;
import dev.databricksmcp.server.tools.sql.SqlSettings;
import java.util.ArrayList;
import java.util.List;

/** Unity Catalog, read through one metadata cache that the invoker clears after every write. */
public final class CatalogToolset implements ToolsetModule {
  public static final String ID = "catalog";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Unity Catalog: catalogs, schemas, tables, volumes, functions, grants, lineage";
  }

  @Override
  public boolean enabledByDefault() {
    return true;
  }

  @Override
  public List<ToolDef> tools(ModuleContext ctx) {
    MetadataCache cache = metadataCache(ctx);
    List<ToolDef> tools = new ArrayList<>();
    tools.addAll(CatalogTools.definitions(cache));
    tools.addAll(SchemaTools.definitions(cache));
    tools.addAll(TableTools.definitions(cache));
    tools.add(PreviewTool.definition(cache, SqlSettings.shared(ctx)));
    tools.addAll(VolumeFunctionTools.definitions());
    tools.addAll(GrantLineageTools.definitions(cache));
    return tools;
  }

  /**
   * The process's one metadata cache (DATABRICKS_MCP_CACHE_TTL_SECONDS), for any module that reads
   * Unity Catalog.
   */
  public static MetadataCache metadataCache(ModuleContext ctx) {
    return ctx.shared(
        MetadataCache.class, () -> MetadataCache.fromEnvironment(ctx.settings().env()));
  }
}
