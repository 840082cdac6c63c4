package dev.databricksmcp.server.connection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A request path as the template of its Databricks endpoint ({@code
 * /api/2.1/unity-catalog/tables/main.default.trips} → {@code
 * /api/2.1/unity-catalog/tables/{full_name}}), so metrics and traces can name the endpoint without
 * a table, user or statement id in a label. Templates come from {@code databricks-api-paths.txt}; a
 * path no template matches keeps only its API's prefix ({@code /api/2.0/clusters/…}), and anything
 * else is {@code other}: the set of answers is bounded whatever the requests.
 */
public final class ApiPathTemplates {
  static final String RESOURCE = "/databricks-api-paths.txt";
  static final String OTHER = "other";
  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+");
  private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9-]{0,40}");

  /** One level of the template tree: literal segments, then a placeholder, then a rest match. */
  private static final class Node {
    final Map<String, Node> literals = new HashMap<>();
    Node placeholder;
    String template;
    String restTemplate;
  }

  private static final Node ROOT = load();

  private ApiPathTemplates() {}

  /** The template of {@code rawPath} (percent-encoded, without the query). */
  public static String template(String rawPath) {
    String[] segments = segments(rawPath);
    String found = match(ROOT, segments, 0);
    return found != null ? found : prefix(segments);
  }

  /** Literal segments win over placeholders; a rest placeholder takes what is left. */
  private static String match(Node node, String[] segments, int i) {
    if (i == segments.length) {
      return node.template;
    }
    Node literal = node.literals.get(segments[i]);
    if (literal != null) {
      String found = match(literal, segments, i + 1);
      if (found != null) {
        return found;
      }
    }
    if (node.placeholder != null) {
      String found = match(node.placeholder, segments, i + 1);
      if (found != null) {
        return found;
      }
    }
    return node.restTemplate;
  }

  /** {@code /api/<version>/<api>/…} when those look like what Databricks uses; else other. */
  private static String prefix(String[] segments) {
    if (segments.length >= 3
        && segments[0].equals("api")
        && VERSION.matcher(segments[1]).matches()
        && WORD.matcher(segments[2]).matches()) {
      return "/api/" + segments[1] + "/" + segments[2] + (segments.length > 3 ? "/…" : "");
    }
    return OTHER;
  }

  private static String[] segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out.toArray(String[]::new);
  }

  private static Node load() {
    Node root = new Node();
    try (InputStream in = ApiPathTemplates.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the server jar");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          add(root, line.strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return root;
  }

  private static void add(Node root, String template) {
    Node node = root;
    for (String segment : segments(template)) {
      if (segment.startsWith("{") && segment.endsWith("*}")) {
        node.restTemplate = template;
        return;
      }
      if (segment.startsWith("{")) {
        node = node.placeholder == null ? (node.placeholder = new Node()) : node.placeholder;
      } else {
        node = node.literals.computeIfAbsent(segment, s -> new Node());
      }
    }
    node.template = template;
  }
}
