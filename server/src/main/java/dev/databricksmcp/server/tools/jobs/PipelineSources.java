package dev.databricksmcp.server.tools.jobs;

import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.service.pipelines.FileLibrary;
import com.databricks.sdk.service.pipelines.NotebookLibrary;
import com.databricks.sdk.service.pipelines.PipelineLibrary;
import com.databricks.sdk.service.workspace.GetStatusRequest;
import com.databricks.sdk.service.workspace.ObjectInfo;
import com.databricks.sdk.service.workspace.ObjectType;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolException;
import java.util.ArrayList;
import java.util.List;

/**
 * A pipeline's source paths as libraries: a notebook library for a notebook, a file library for a
 * workspace file, as the workspace's get-status says each path is.
 */
final class PipelineSources {
  private PipelineSources() {}

  static List<PipelineLibrary> libraries(String field, List<String> paths, ToolContext ctx) {
    if (paths.isEmpty()) {
      throw ToolException.validation(field, "give at least one workspace path");
    }
    List<PipelineLibrary> out = new ArrayList<>();
    for (String path : paths) {
      if (!path.startsWith("/")) {
        throw ToolException.validation(field, "'" + path + "' is not an absolute workspace path");
      }
      ObjectInfo o;
      try {
        o = ctx.workspace().workspace().getStatus(new GetStatusRequest().setPath(path));
      } catch (NotFound e) {
        throw ToolException.validation(field, path + " does not exist in the workspace");
      }
      if (o.getObjectType() == ObjectType.NOTEBOOK) {
        out.add(new PipelineLibrary().setNotebook(new NotebookLibrary().setPath(path)));
      } else if (o.getObjectType() == ObjectType.FILE) {
        out.add(new PipelineLibrary().setFile(new FileLibrary().setPath(path)));
      } else {
        throw ToolException.validation(
            field, path + " is a " + o.getObjectType() + ", not a file or a notebook");
      }
    }
    return out;
  }
}
