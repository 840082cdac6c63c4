package dev.databricksmcp.sandbox.workspace;

import com.databricks.sdk.service.workspace.ExportFormat;
import com.databricks.sdk.service.workspace.ImportFormat;
import com.databricks.sdk.service.workspace.Language;
import com.databricks.sdk.service.workspace.ObjectInfo;
import com.databricks.sdk.service.workspace.ObjectType;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.state.PersistentState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The workspace's tree of folders, notebooks and files (https://docs.databricks.com/api/workspace/
 * workspace), held in the sandbox's own memory and never on the host's file system: a path is a key
 * of this map, nothing else. A new sandbox has {@code /Users/<user>} and {@code /Repos/<user>} for
 * each of its principals and {@code /Shared} with the sample notebooks ({@link SampleNotebooks}).
 * Git folders (object type REPO, made by {@link GitFolders}) hold objects as directories do. Kept
 * with {@code --sandbox-dir} ({@code DIR/state/workspace-tree.json}).
 *
 * <p>Other areas read it with {@link #find(String)}: a job's notebook task, a pipeline's source.
 */
public final class WorkspaceTree implements PersistentState {
  /** "This has a limit of 10 MB" (import.md, {@code content}); exports are held to it too. */
  public static final int MAX_CONTENT_BYTES = 10 * 1024 * 1024;

  /** What is kept of one object. */
  record Node(
      String path,
      ObjectType type,
      Language language,
      long objectId,
      byte[] content,
      long createdAt,
      long modifiedAt) {
    WorkspaceObject view() {
      return new WorkspaceObject(path, type, language, objectId, content, createdAt, modifiedAt);
    }
  }

  private final TreeMap<String, Node> nodes = new TreeMap<>();
  private final List<String> workspaceFolders = new ArrayList<>();
  private long nextId = 1_000_000_000_000_001L;

  public WorkspaceTree(List<Principal> principals) {
    long now = System.currentTimeMillis();
    workspaceFolders.addAll(
        List.of("/", WorkspaceAccess.USERS, WorkspaceAccess.SHARED, WorkspaceAccess.REPOS));
    for (Principal p : principals) {
      workspaceFolders.add(WorkspaceAccess.home(p));
      workspaceFolders.add(WorkspaceAccess.reposHome(p));
    }
    addMissingWorkspaceFolders(now);
    for (SampleNotebooks.Sample s : SampleNotebooks.ALL) {
      put(
          new Node(
              s.path(),
              ObjectType.NOTEBOOK,
              s.language(),
              newId(),
              NotebookFormats.utf8(NotebookFormats.source(s.language(), s.cells())),
              now,
              now));
    }
  }

  /** The object at {@code path} ({@code /Workspace/…} accepted), if there is one. */
  public synchronized Optional<WorkspaceObject> find(String path) {
    String canonical;
    try {
      canonical = WorkspacePaths.canonical(path);
    } catch (ApiException e) {
      return Optional.empty();
    }
    return Optional.ofNullable(nodes.get(canonical)).map(Node::view);
  }

  /** The object with this object id, if there is one (the Permissions API names objects so). */
  synchronized Optional<WorkspaceObject> byId(long objectId) {
    return nodes.values().stream()
        .filter(n -> n.objectId() == objectId)
        .findFirst()
        .map(Node::view);
  }

  synchronized ObjectInfo status(Principal caller, String rawPath) {
    String path = WorkspacePaths.canonical(rawPath);
    WorkspaceAccess.requireRead(caller, path);
    return info(existing(path));
  }

  /**
   * A directory's children, or the object itself when it is not a directory; notebooks not changed
   * after {@code notebooksModifiedAfter} left out.
   */
  synchronized List<ObjectInfo> list(
      Principal caller, String rawPath, Long notebooksModifiedAfter) {
    String path = WorkspacePaths.canonical(rawPath);
    WorkspaceAccess.requireRead(caller, path);
    Node node = existing(path);
    List<Node> shown = isFolder(node.type()) ? children(path) : List.of(node);
    List<ObjectInfo> out = new ArrayList<>();
    for (Node n : shown) {
      boolean oldNotebook =
          notebooksModifiedAfter != null
              && n.type() == ObjectType.NOTEBOOK
              && n.modifiedAt() <= notebooksModifiedAfter;
      if (!oldNotebook && WorkspaceAccess.canRead(caller, n.path())) {
        out.add(info(n));
      }
    }
    return out;
  }

  /** Creates the directory and its missing parents; an existing directory is left as it is. */
  synchronized void mkdirs(Principal caller, String rawPath) {
    String path = WorkspacePaths.canonical(rawPath);
    List<String> missing = new ArrayList<>();
    for (String p = path; ; p = WorkspacePaths.parent(p)) {
      Node n = nodes.get(p);
      if (n != null) {
        if (!isFolder(n.type())) {
          throw exists(p + " already exists and it is not a folder.");
        }
        break;
      }
      missing.add(0, p);
    }
    long now = System.currentTimeMillis();
    for (String p : missing) {
      WorkspaceAccess.requireWrite(caller, p);
      put(directory(p, now));
    }
  }

  /** The request of an import, decoded. */
  record Incoming(
      String path, ImportFormat format, Language language, byte[] content, boolean overwrite) {}

  /** Imports a notebook or file; returns its canonical path (AUTO drops a notebook's extension). */
  synchronized String importObject(Principal caller, Incoming in) {
    if (in.content().length > MAX_CONTENT_BYTES) {
      throw new ApiException(
          ErrorCode.MAX_NOTEBOOK_SIZE_EXCEEDED,
          "The content is "
              + in.content().length
              + " bytes: more than the limit of "
              + MAX_CONTENT_BYTES
              + " bytes (10 MB).");
    }
    Node made = ImportedObjects.make(WorkspacePaths.canonical(in.path()), in);
    String path = made.path();
    WorkspaceAccess.requireWrite(caller, path);
    String parent = WorkspacePaths.parent(path);
    Node folder = nodes.get(parent);
    if (folder == null || !isFolder(folder.type())) {
      throw ApiException.notFound(
          ErrorCode.RESOURCE_DOES_NOT_EXIST, "The parent folder (" + parent + ") does not exist.");
    }
    Node old = nodes.get(path);
    long now = System.currentTimeMillis();
    if (old != null) {
      if (!in.overwrite() || isFolder(old.type())) {
        throw exists("Path (" + path + ") already exists.");
      }
      boolean sameKind = old.type() == made.type();
      put(
          new Node(
              path,
              made.type(),
              made.language(),
              sameKind ? old.objectId() : newId(),
              made.content(),
              sameKind ? old.createdAt() : now,
              now));
    } else {
      put(new Node(path, made.type(), made.language(), newId(), made.content(), now, now));
    }
    return path;
  }

  /** An export: the bytes and the {@code file_type} of what they are. */
  record Exported(byte[] content, String fileType) {}

  synchronized Exported export(Principal caller, String rawPath, ExportFormat format) {
    String path = WorkspacePaths.canonical(rawPath);
    WorkspaceAccess.requireRead(caller, path);
    Exported out =
        ExportedObjects.of(existing(path), format == null ? ExportFormat.SOURCE : format);
    if (out.content().length > MAX_CONTENT_BYTES) {
      throw new ApiException(
          ErrorCode.MAX_NOTEBOOK_SIZE_EXCEEDED,
          "The exported content would be more than the limit of 10 MB.");
    }
    return out;
  }

  /** Deletes an object, or a directory with everything in it when {@code recursive}. */
  synchronized void delete(Principal caller, String rawPath, boolean recursive) {
    String path = WorkspacePaths.canonical(rawPath);
    WorkspaceAccess.requireRead(caller, path);
    Node node = existing(path);
    WorkspaceAccess.requireDeletable(caller, path);
    List<Node> inside = isFolder(node.type()) ? descendants(path) : List.of();
    if (!inside.isEmpty() && !recursive) {
      throw new ApiException(
          ErrorCode.DIRECTORY_NOT_EMPTY,
          "Folder (" + path + ") is not empty: delete it with recursive=true.");
    }
    for (Node n : inside) {
      nodes.remove(n.path());
    }
    nodes.remove(path);
  }

  /**
   * Makes the empty Git folder of a new repo at a canonical {@code path} the caller may write, in
   * an existing directory; returns its object id, which is the repo's id.
   */
  synchronized long makeGitFolder(Principal caller, String path) {
    WorkspaceAccess.requireWrite(caller, path);
    if (nodes.containsKey(path)) {
      // the service's words (databricks/terraform-provider-databricks#2295)
      throw exists(
          "Repo "
              + path
              + " already exists. If you would like to create two repos from the same remote Git"
              + " repo, rename the first repo before creating the second repo.");
    }
    String parent = WorkspacePaths.parent(path);
    Node folder = nodes.get(parent);
    if (folder == null) {
      throw ApiException.notFound(
          ErrorCode.RESOURCE_DOES_NOT_EXIST, "The parent folder (" + parent + ") does not exist.");
    }
    if (folder.type() != ObjectType.DIRECTORY) {
      throw ApiException.invalid(
          "A Git folder cannot be created in " + parent + ": it is not a plain folder.");
    }
    long now = System.currentTimeMillis();
    Node made = new Node(path, ObjectType.REPO, null, newId(), new byte[0], now, now);
    put(made);
    return made.objectId();
  }

  /** Whether the Git folder {@code objectId} is still at {@code path} (not deleted or replaced). */
  synchronized boolean holdsGitFolder(String path, long objectId) {
    Node n = nodes.get(path);
    return n != null && n.type() == ObjectType.REPO && n.objectId() == objectId;
  }

  /** Removes a Git folder and everything in it. */
  synchronized void removeGitFolder(String path) {
    for (Node n : descendants(path)) {
      nodes.remove(n.path());
    }
    nodes.remove(path);
  }

  /** Directories and Git folders hold objects; notebooks and files do not. */
  static boolean isFolder(ObjectType type) {
    return type == ObjectType.DIRECTORY || type == ObjectType.REPO;
  }

  private void addMissingWorkspaceFolders(long now) {
    for (String path : workspaceFolders) {
      if (!nodes.containsKey(path)) {
        put(directory(path, now));
      }
    }
  }

  private Node existing(String path) {
    Node n = nodes.get(path);
    if (n == null) {
      throw ApiException.notFound(
          ErrorCode.RESOURCE_DOES_NOT_EXIST, "Path (" + path + ") doesn't exist.");
    }
    return n;
  }

  private List<Node> children(String dir) {
    List<Node> out = new ArrayList<>();
    for (Node n : descendants(dir)) {
      if (WorkspacePaths.parent(n.path()).equals(dir)) {
        out.add(n);
      }
    }
    return out;
  }

  private List<Node> descendants(String dir) {
    String prefix = dir.equals("/") ? "/" : dir + "/";
    List<Node> out = new ArrayList<>();
    for (Map.Entry<String, Node> e : nodes.tailMap(prefix, false).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      out.add(e.getValue());
    }
    return out;
  }

  /**
   * ObjectInfo (notebook/object.md): {@code language} only for notebooks; {@code created_at},
   * {@code modified_at} and {@code size} "only applicable to files"; {@code resource_id} the id as
   * a string.
   */
  private static ObjectInfo info(Node n) {
    ObjectInfo info =
        new ObjectInfo()
            .setPath(n.path())
            .setObjectType(n.type())
            .setObjectId(n.objectId())
            .setResourceId(Long.toString(n.objectId()))
            .setLanguage(n.language());
    if (n.type() == ObjectType.FILE) {
      info.setCreatedAt(n.createdAt())
          .setModifiedAt(n.modifiedAt())
          .setSize((long) n.content().length);
    }
    return info;
  }

  private Node directory(String path, long now) {
    return new Node(path, ObjectType.DIRECTORY, null, newId(), new byte[0], now, now);
  }

  private void put(Node n) {
    nodes.put(n.path(), n);
  }

  private long newId() {
    return nextId++;
  }

  private static ApiException exists(String message) {
    // the Workspace API answers RESOURCE_ALREADY_EXISTS with 400 (databricks/cli#3386, dbx#613)
    return new ApiException(ErrorCode.RESOURCE_ALREADY_EXISTS, 400, message);
  }

  static String text(byte[] content) {
    return new String(content, StandardCharsets.UTF_8);
  }

  @Override
  public String persistenceName() {
    return "workspace-tree";
  }

  @Override
  public synchronized JsonNode save() {
    return Json.MAPPER.valueToTree(new ArrayList<>(nodes.values()));
  }

  @Override
  public synchronized void restore(JsonNode saved) {
    nodes.clear();
    for (Node n : Json.MAPPER.convertValue(saved, new TypeReference<List<Node>>() {})) {
      nodes.put(n.path(), n);
      nextId = Math.max(nextId, n.objectId() + 1);
    }
    // a tree saved before a folder of the workspace's own (such as /Repos) existed gets it now
    addMissingWorkspaceFolders(System.currentTimeMillis());
  }
}
