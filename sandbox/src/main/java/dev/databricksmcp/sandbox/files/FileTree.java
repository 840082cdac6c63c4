package dev.databricksmcp.sandbox.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.databricksmcp.sandbox.http.Json;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Files and directories kept in the sandbox's memory (and, with a data directory, in its saved
 * state), keyed by canonical path ({@link FilePaths}). Nothing here touches the host's file system:
 * a path is a map key. Sizes are capped per file and in total, so no caller can fill the machine's
 * memory. Every change is checked in full before it is made, so a refused write leaves nothing
 * behind. The API modules turn a {@link Refused} into their own error codes.
 */
public final class FileTree {
  /** Why a change or a read was refused. */
  public enum Problem {
    NOT_FOUND,
    ALREADY_EXISTS,
    NOT_A_DIRECTORY,
    IS_A_DIRECTORY,
    NOT_EMPTY,
    TOO_LARGE,
    FULL
  }

  /** A refused operation: what went wrong, and a message naming the path. */
  public static final class Refused extends RuntimeException {
    private final Problem problem;

    Refused(Problem problem, String message) {
      super(message, null, false, false);
      this.problem = problem;
    }

    public Problem problem() {
      return problem;
    }
  }

  /** What a listing or a status shows of one entry. */
  public record Entry(String path, boolean directory, long size, long modifiedAt) {
    public String name() {
      return FilePaths.name(path);
    }
  }

  private record Node(boolean directory, byte[] data, long modifiedAt) {
    Entry entry(String path) {
      return new Entry(path, directory, directory ? 0 : data.length, modifiedAt);
    }
  }

  private final long maxFileBytes;
  private final long maxTotalBytes;
  private final NavigableMap<String, Node> nodes = new TreeMap<>();
  private long totalBytes;

  public FileTree(long maxFileBytes, long maxTotalBytes) {
    this.maxFileBytes = maxFileBytes;
    this.maxTotalBytes = maxTotalBytes;
  }

  public long maxFileBytes() {
    return maxFileBytes;
  }

  /** The entry at this canonical path; the root always exists. */
  public synchronized Optional<Entry> stat(String path) {
    if (path.equals("/")) {
      return Optional.of(new Entry("/", true, 0, 0));
    }
    Node n = nodes.get(path);
    return n == null ? Optional.empty() : Optional.of(n.entry(path));
  }

  /** A file's bytes (the stored array: callers only read it). */
  public synchronized byte[] read(String path) {
    Node n = nodes.get(path);
    if (n == null) {
      throw new Refused(Problem.NOT_FOUND, "No file or directory exists on path " + path + ".");
    }
    if (n.directory) {
      throw new Refused(Problem.IS_A_DIRECTORY, "Path " + path + " is a directory.");
    }
    return n.data;
  }

  /** The entries directly in a directory, by name. */
  public synchronized List<Entry> list(String dir) {
    Entry self =
        stat(dir)
            .orElseThrow(
                () ->
                    new Refused(
                        Problem.NOT_FOUND, "No file or directory exists on path " + dir + "."));
    if (!self.directory()) {
      throw new Refused(Problem.NOT_A_DIRECTORY, "Path " + dir + " is not a directory.");
    }
    List<Entry> out = new ArrayList<>();
    for (Map.Entry<String, Node> e : under(dir).entrySet()) {
      if (FilePaths.parent(e.getKey()).equals(dir)) {
        out.add(e.getValue().entry(e.getKey()));
      }
    }
    return out;
  }

  /** How many entries lie under a directory, at any depth. */
  public synchronized int countUnder(String dir) {
    return under(dir).size();
  }

  /** Creates a directory and its missing parents; a file on the way is ALREADY_EXISTS. */
  public synchronized void mkdirs(String path, long now) {
    requireNoFileOnTheWay(path);
    createDirectories(path, now);
  }

  /** Writes a whole file at once, creating missing parent directories. */
  public synchronized void write(String path, byte[] data, boolean overwrite, long now) {
    if (path.equals("/")) {
      throw new Refused(Problem.IS_A_DIRECTORY, "Path / is a directory.");
    }
    if (data.length > maxFileBytes) {
      throw new Refused(
          Problem.TOO_LARGE,
          "The file is larger than the sandbox keeps (" + maxFileBytes + " bytes at most).");
    }
    Node existing = nodes.get(path);
    if (existing != null && existing.directory) {
      throw new Refused(Problem.IS_A_DIRECTORY, "A directory already exists at " + path + ".");
    }
    if (existing != null && !overwrite) {
      throw new Refused(Problem.ALREADY_EXISTS, "A file already exists at " + path + ".");
    }
    requireNoFileOnTheWay(FilePaths.parent(path));
    long after = totalBytes - (existing == null ? 0 : existing.data.length) + data.length;
    if (after > maxTotalBytes) {
      throw new Refused(
          Problem.FULL,
          "The sandbox's file store is full (" + maxTotalBytes + " bytes): delete files first.");
    }
    createDirectories(FilePaths.parent(path), now);
    nodes.put(path, new Node(false, data.clone(), now));
    totalBytes = after;
  }

  /**
   * Deletes a file or directory; a directory with entries only when {@code recursive}. Returns how
   * many entries went (the path itself included).
   */
  public synchronized int delete(String path, boolean recursive) {
    Node n = nodes.get(path);
    if (n == null) {
      throw new Refused(Problem.NOT_FOUND, "No file or directory exists on path " + path + ".");
    }
    NavigableMap<String, Node> below = under(path);
    if (!below.isEmpty() && !recursive) {
      throw new Refused(Problem.NOT_EMPTY, "Directory " + path + " is not empty.");
    }
    int count = below.size() + 1;
    for (Node gone : below.values()) {
      totalBytes -= gone.directory ? 0 : gone.data.length;
    }
    below.clear();
    nodes.remove(path);
    totalBytes -= n.directory ? 0 : n.data.length;
    return count;
  }

  /** Moves a file or a whole directory; the destination must not exist. */
  public synchronized void move(String from, String to, long now) {
    Node n = nodes.get(from);
    if (n == null) {
      throw new Refused(Problem.NOT_FOUND, "No file or directory exists on path " + from + ".");
    }
    if (nodes.containsKey(to) || to.equals("/")) {
      throw new Refused(
          Problem.ALREADY_EXISTS, "A file or directory already exists at " + to + ".");
    }
    if (FilePaths.isAtOrUnder(to, from)) {
      throw new Refused(Problem.ALREADY_EXISTS, "Cannot move " + from + " into itself.");
    }
    requireNoFileOnTheWay(FilePaths.parent(to));
    NavigableMap<String, Node> below = new TreeMap<>(under(from));
    createDirectories(FilePaths.parent(to), now);
    under(from).clear();
    nodes.remove(from);
    nodes.put(to, n);
    for (Map.Entry<String, Node> e : below.entrySet()) {
      nodes.put(to + e.getKey().substring(from.length()), e.getValue());
    }
  }

  /** Forgets a directory and everything under it (a dropped volume). */
  public synchronized void removeAtOrUnder(String path) {
    if (nodes.containsKey(path)) {
      delete(path, true);
    }
  }

  /** Every entry, files with their bytes in base64, for the saved state. */
  public synchronized JsonNode save() {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (Map.Entry<String, Node> e : nodes.entrySet()) {
      ObjectNode o = out.addObject();
      o.put("path", e.getKey());
      o.put("directory", e.getValue().directory);
      o.put("modified_at", e.getValue().modifiedAt);
      if (!e.getValue().directory) {
        o.put("data", Base64.getEncoder().encodeToString(e.getValue().data));
      }
    }
    return out;
  }

  /** Takes back what {@link #save()} wrote, each path checked again as a caller's would be. */
  public synchronized void restore(JsonNode saved) {
    nodes.clear();
    totalBytes = 0;
    for (JsonNode o : saved) {
      String path = FilePaths.canonical(o.path("path").asText(), "path");
      boolean dir = o.path("directory").asBoolean();
      byte[] data = dir ? new byte[0] : Base64.getDecoder().decode(o.path("data").asText());
      nodes.put(path, new Node(dir, data, o.path("modified_at").asLong()));
      totalBytes += data.length;
    }
  }

  private NavigableMap<String, Node> under(String dir) {
    String prefix = dir.equals("/") ? "/" : dir + "/";
    // '/' + 1 is '0': every key starting with the prefix sorts before prefix-with-'0'
    return nodes.subMap(prefix, true, prefix.substring(0, prefix.length() - 1) + "0", false);
  }

  /** A directory can be made at {@code path} only when no file sits there or above it. */
  private void requireNoFileOnTheWay(String path) {
    String at = path;
    while (!at.equals("/")) {
      Node n = nodes.get(at);
      if (n != null && !n.directory) {
        throw new Refused(Problem.ALREADY_EXISTS, "A file already exists at " + at + ".");
      }
      at = FilePaths.parent(at);
    }
  }

  private void createDirectories(String path, long now) {
    String at = path;
    while (!at.equals("/") && !nodes.containsKey(at)) {
      nodes.put(at, new Node(true, new byte[0], now));
      at = FilePaths.parent(at);
    }
  }
}
