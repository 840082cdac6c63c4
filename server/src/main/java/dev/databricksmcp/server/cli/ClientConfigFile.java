package dev.databricksmcp.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A client's configuration file, edited as little as possible: one server entry added or replaced,
 * everything else kept (other servers, other keys; in Codex's TOML every other table, byte for
 * byte). JSON is parsed and written back in the layout of deploy/clients/ (comments, which VS Code
 * allows, are not kept: the backup has them).
 */
final class ClientConfigFile {
  /** Lenient as the clients are: comments and trailing commas (VS Code's JSONC). */
  private static final ObjectMapper JSONC =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .build();

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private ClientConfigFile() {}

  /** What {@link #merge} did: whether it replaced an entry, and the backup it made (or null). */
  record Outcome(boolean replaced, Path backup) {}

  /** The whole snippet for a client: its servers key holding this one entry. */
  static String snippet(McpClient client, String name, ObjectNode entry) {
    if (client.toml()) {
      return tomlTable(client.serversKey, name, entry);
    }
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.putObject(client.serversKey).set(name, entry);
    return json(root, "") + "\n";
  }

  /**
   * Adds the entry to {@code file} (made, with its folders, when missing), after copying the file
   * to {@code <file>.bak-<time>}; refuses to replace an entry of the same name unless {@code
   * force}.
   */
  static Outcome merge(
      Path file, McpClient client, String name, ObjectNode entry, boolean force, LocalDateTime now)
      throws IOException {
    boolean exists = Files.isRegularFile(file);
    String old = exists ? Files.readString(file, StandardCharsets.UTF_8) : "";
    String merged;
    boolean replaced;
    if (client.toml()) {
      List<String> kept = new ArrayList<>();
      replaced = withoutTable(old, client.serversKey, name, kept);
      refuseUnlessForced(replaced, force, file, name);
      String rest = String.join("\n", kept).stripTrailing();
      merged = (rest.isEmpty() ? "" : rest + "\n\n") + tomlTable(client.serversKey, name, entry);
    } else {
      ObjectNode root = parseObject(file, old);
      JsonNode servers = root.get(client.serversKey);
      if (servers != null && !servers.isObject()) {
        throw new UsageProblem(
            file + ": '" + client.serversKey + "' is not an object; fix the file first");
      }
      ObjectNode serversNode =
          servers == null ? root.putObject(client.serversKey) : (ObjectNode) servers;
      replaced = serversNode.has(name);
      refuseUnlessForced(replaced, force, file, name);
      serversNode.set(name, entry);
      merged = json(root, "") + "\n";
    }
    Path backup = exists ? backup(file, now) : null;
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp-databricks-mcp");
    Files.writeString(tmp, merged, StandardCharsets.UTF_8);
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return new Outcome(replaced, backup);
  }

  private static void refuseUnlessForced(boolean exists, boolean force, Path file, String name) {
    if (exists && !force) {
      throw new UsageProblem(
          file
              + " already has a server named '"
              + name
              + "'; nothing was changed. Add --force to replace it (a backup is kept), or"
              + " --name to add this one beside it");
    }
  }

  private static ObjectNode parseObject(Path file, String text) {
    if (text.isBlank()) {
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      JsonNode root = JSONC.readTree(text);
      if (root instanceof ObjectNode object) {
        return object;
      }
    } catch (JsonProcessingException e) {
      throw new UsageProblem(
          file
              + " is not valid JSON ("
              + e.getOriginalMessage()
              + " at line "
              + e.getLocation().getLineNr()
              + "); nothing was changed: fix it, or move it away and run again");
    }
    throw new UsageProblem(file + " does not hold a JSON object; nothing was changed");
  }

  private static Path backup(Path file, LocalDateTime now) throws IOException {
    String base = file.getFileName() + ".bak-" + STAMP.format(now);
    for (int i = 0; ; i++) {
      Path backup = file.resolveSibling(i == 0 ? base : base + "-" + i);
      try {
        return Files.copy(file, backup, StandardCopyOption.COPY_ATTRIBUTES);
      } catch (FileAlreadyExistsException e) {
        // another backup this second: take the next name
      }
    }
  }

  // ---- TOML (Codex): the one table, found and replaced by its header lines

  private static final Pattern HEADER = Pattern.compile("^\\s*\\[\\[?([^\\]]*)\\]\\]?\\s*(#.*)?$");

  /**
   * Copies the lines of {@code toml} into {@code kept} except the table {@code [key.name]} and its
   * sub-tables ({@code [key.name.env]}); true when there was one.
   */
  static boolean withoutTable(String toml, String key, String name, List<String> kept) {
    boolean found = false;
    boolean skipping = false;
    for (String line : toml.split("\r?\n", -1)) {
      var header = HEADER.matcher(line);
      if (header.matches()) {
        skipping = isOurs(header.group(1), key, name);
        found |= skipping;
      }
      if (!skipping) {
        kept.add(line);
      }
    }
    return found;
  }

  /** Whether a header's dotted key is {@code key.name} or below it (bare or quoted parts). */
  private static boolean isOurs(String dotted, String key, String name) {
    List<String> parts = new ArrayList<>();
    for (String part : dotted.split("\\.")) {
      String p = part.trim();
      if (p.length() >= 2 && (p.startsWith("\"") || p.startsWith("'"))) {
        p = p.substring(1, p.length() - 1);
      }
      parts.add(p);
    }
    return parts.size() >= 2 && parts.get(0).equals(key) && parts.get(1).equals(name);
  }

  private static String tomlTable(String key, String name, ObjectNode entry) {
    StringBuilder out = new StringBuilder("[").append(key).append('.').append(name).append("]\n");
    entry
        .fields()
        .forEachRemaining(
            f -> out.append(f.getKey()).append(" = ").append(json(f.getValue(), "")).append('\n'));
    return out.toString();
  }

  // ---- JSON in the layout of deploy/clients/: two-space indent, arrays of scalars on one line

  static String json(JsonNode node, String indent) {
    if (node.isObject()) {
      if (node.isEmpty()) {
        return "{}";
      }
      String inner = indent + "  ";
      StringBuilder out = new StringBuilder("{\n");
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        out.append(inner)
            .append(quote(f.getKey()))
            .append(": ")
            .append(json(f.getValue(), inner))
            .append(fields.hasNext() ? ",\n" : "\n");
      }
      return out.append(indent).append('}').toString();
    }
    if (node.isArray()) {
      boolean flat = true;
      for (JsonNode item : node) {
        flat &= item.isValueNode();
      }
      List<String> items = new ArrayList<>();
      String inner = flat ? indent : indent + "  ";
      node.forEach(item -> items.add(json(item, inner)));
      if (flat || items.isEmpty()) {
        return "[" + String.join(", ", items) + "]";
      }
      return "[\n" + inner + String.join(",\n" + inner, items) + "\n" + indent + "]";
    }
    return node.toString();
  }

  private static String quote(String text) {
    return JsonNodeFactory.instance.textNode(text).toString();
  }
}
