package dev.databricksmcp.server.tools.files;

import static dev.databricksmcp.server.tools.files.FilesParams.PATH;
import static dev.databricksmcp.server.tools.files.FilesParams.RECURSIVE;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.service.workspace.Delete;
import com.databricks.sdk.service.workspace.ObjectInfo;
import com.databricks.sdk.service.workspace.ObjectType;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.Counted;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.patterns.Deletion;
import dev.databricksmcp.server.core.patterns.Lookup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The workspace tree: list a folder, one object's status, make a folder, delete. */
final class WorkspaceListTools {
  private static final Param<Integer> MAX_RESULTS =
      Param.integer(
              "max_results",
              "Most objects returned; a recursive walk stops there (default {default}, at most"
                  + " {max})")
          .range(1, 1000)
          .withDefault(200);

  /** How many objects a recursive delete counts before it says "at least". */
  static final int DELETE_COUNT_CAP = 10_000;

  private WorkspaceListTools() {}

  static List<ToolDef> definitions() {
    return List.of(list(), status(), mkdirs(), delete());
  }

  static ToolDef list() {
    Param<String> path =
        PATH.optional().describedAs("Folder to list (default: your home folder, /Users/<you>)");
    return ToolDef.builder(FilesToolset.ID, "list_workspace")
        .title("List workspace folder")
        .description(
            "Notebooks, files and folders in a workspace folder (default your home): path, type,"
                + " language, modified_at. recursive=true walks sub-folders up to max_results"
                + " objects. detail=true adds ids, created_at and size.")
        .input(Schema.of(path, RECURSIVE, MAX_RESULTS, Params.DETAIL))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              String folder =
                  path.optional(args)
                      .orElseGet(
                          () ->
                              "/Users/"
                                  + w.currentUser()
                                      .me(new com.databricks.sdk.service.iam.MeRequest())
                                      .getUserName());
              int cap = MAX_RESULTS.of(args);
              WorkspaceWalk.Found found = WorkspaceWalk.of(w, folder, RECURSIVE.of(args), cap);
              boolean detail = Params.DETAIL.of(args);
              List<Map<String, Object>> items = new ArrayList<>();
              for (ObjectInfo o : found.objects()) {
                items.add(detail ? WorkspaceRows.detail(o) : WorkspaceRows.row(o));
              }
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("path", folder);
              data.put("items", items);
              if (found.truncated()) {
                data.put("truncated", true);
              }
              String said =
                  Counted.of(items.size(), "object")
                      + " in "
                      + folder
                      + (RECURSIVE.of(args) ? " and its sub-folders" : "")
                      + (found.truncated()
                          ? "; stopped at max_results="
                              + cap
                              + ": list a sub-folder, or raise max_results, for the rest."
                          : ".");
              return ToolResult.list(data, items.size(), said);
            })
        .build();
  }

  static ToolDef status() {
    Lookup<ObjectInfo> lookup =
        Lookup.of(
                PATH,
                (key, ctx) -> ctx.workspace().workspace().getStatus(key),
                o -> "The " + WorkspaceRows.describe(o) + ".")
            .shape(WorkspaceRows::detail);
    return ToolDef.builder(FilesToolset.ID, "get_workspace_status")
        .title("Get workspace object")
        .description(
            "What is at a workspace path: the fields of list_workspace (type NOTEBOOK, DIRECTORY,"
                + " FILE, REPO, DASHBOARD or LIBRARY), then ids, created_at and size.")
        .input(lookup.input())
        .hints(ToolHints.read())
        .handler(lookup)
        .build();
  }

  static ToolDef mkdirs() {
    return ToolDef.builder(FilesToolset.ID, "create_workspace_directory")
        .title("Create workspace folder")
        .description(
            "Create a workspace folder and any missing parents; an existing folder is left as"
                + " it is.")
        .input(Schema.of(PATH))
        .hints(ToolHints.write(true))
        .checkWith("get_workspace_status")
        .handler(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              String path = PATH.of(args);
              boolean existed = exists(w, path);
              w.workspace().mkdirs(path);
              String said =
                  existed ? "Folder " + path + " already existed." : "Created folder " + path + ".";
              try {
                return ToolResult.of(WorkspaceRows.detail(w.workspace().getStatus(path)), said);
              } catch (RuntimeException e) {
                return ToolResult.of(
                    Map.of("path", path, "type", "DIRECTORY"),
                    said + " Reading it back failed; get_workspace_status shows it.");
              }
            })
        .build();
  }

  /** The object a delete names and, for a folder, what is in it (counted up to a cap). */
  private record Doomed(ObjectInfo object, WorkspaceWalk.Found inside) {
    String contents() {
      long folders =
          inside.objects().stream().filter(o -> o.getObjectType() == ObjectType.DIRECTORY).count();
      long others = inside.objects().size() - folders;
      return (inside.truncated() ? "at least " : "")
          + Counted.of(inside.objects().size(), "object")
          + " ("
          + Counted.of(others, "notebook or file", "notebooks and files")
          + ", "
          + Counted.of(folders, "folder")
          + ")";
    }
  }

  static ToolDef delete() {
    Deletion<Doomed> deletion =
        Deletion.of(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              String path = PATH.of(args);
              ObjectInfo o = w.workspace().getStatus(path);
              if (o.getObjectType() != ObjectType.DIRECTORY) {
                return new Doomed(o, new WorkspaceWalk.Found(List.of(), false));
              }
              WorkspaceWalk.Found inside = WorkspaceWalk.of(w, path, true, DELETE_COUNT_CAP);
              if (!inside.objects().isEmpty() && !RECURSIVE.of(args)) {
                throw ToolException.validation(
                    RECURSIVE.name(),
                    "folder "
                        + path
                        + " is not empty ("
                        + new Doomed(o, inside).contents()
                        + "): pass recursive=true to delete it with everything in it");
              }
              return new Doomed(o, inside);
            },
            (d, args, ctx) ->
                ConfirmationTarget.irreversible(
                    "delete "
                        + WorkspaceRows.describe(d.object())
                        + (d.inside().objects().isEmpty()
                            ? ""
                            : " and the " + d.contents() + " in it")
                        + " from "
                        + ctx.workspaceHost(),
                    d.object().getPath()
                        + "|"
                        + d.object().getObjectId()
                        + "|"
                        + d.inside().objects().size()),
            (d, args, ctx) -> {
              String path = d.object().getPath();
              ctx.workspace()
                  .workspace()
                  .delete(new Delete().setPath(path).setRecursive(RECURSIVE.of(args)));
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("path", path);
              data.put("type", d.object().getObjectType().name());
              data.put("deleted", true);
              if (!d.inside().objects().isEmpty()) {
                data.put("objects_inside", d.inside().objects().size());
              }
              return ToolResult.of(
                  data,
                  "Deleted "
                      + WorkspaceRows.describe(d.object())
                      + (d.inside().objects().isEmpty()
                          ? ""
                          : " and the " + d.contents() + " in it")
                      + ".");
            });
    return ToolDef.builder(FilesToolset.ID, "delete_workspace_object")
        .title("Delete workspace object")
        .description(
            "Delete a notebook, file or folder for good (no undo). A folder with anything in it"
                + " needs recursive=true; the confirmation says how many objects go with it.")
        .input(Schema.of(PATH, RECURSIVE))
        .hints(ToolHints.destructive(true))
        .checkWith("get_workspace_status")
        .confirmTarget(deletion)
        .handler(deletion)
        .build();
  }

  static boolean exists(WorkspaceClient w, String path) {
    try {
      w.workspace().getStatus(path);
      return true;
    } catch (NotFound e) {
      return false;
    }
  }
}
