package dev.databricksmcp.server.tools.files;

import dev.databricksmcp.server.core.ModuleContext;
import dev.databricksmcp.server.core.OptionalToolset;
import dev.databricksmcp.server.core.ResourceDef;
import dev.databricksmcp.server.core.ToolDef;
import java.util.ArrayList;
import java.util.List;

/**
 * Files: notebooks and workspace files, DBFS, and files in Unity Catalog volumes. Off by default:
 * the default tool list stays under its token budget.
 */
public final class FilesToolset extends OptionalToolset {
  public static final String ID = "files";

  public FilesToolset() {
    super(ID, "Notebooks and workspace files, DBFS, volumes, Git folders");
  }

  @Override
  public List<ToolDef> tools(ModuleContext ctx) {
    List<ToolDef> tools = new ArrayList<>();
    tools.addAll(WorkspaceListTools.definitions());
    tools.addAll(NotebookTransferTools.definitions());
    tools.addAll(DbfsTools.definitions());
    tools.addAll(VolumeFileTools.definitions());
    tools.addAll(RepoTools.definitions());
    return tools;
  }

  /** Notebooks, workspace files and volume files as MCP resources ({@link FileResources}). */
  @Override
  public List<ResourceDef> resources(ModuleContext ctx) {
    return FileResources.definitions();
  }
}
