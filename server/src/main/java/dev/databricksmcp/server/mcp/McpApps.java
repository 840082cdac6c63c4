package dev.databricksmcp.server.mcp;

import dev.databricksmcp.server.core.ResultView;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The MCP Apps extension (SEP-1865, stable 2026-01-26; extension id {@code
 * io.modelcontextprotocol/ui}; https://github.com/modelcontextprotocol/ext-apps,
 * specification/2026-01-26/apps.mdx) as this server offers it: tools that return rows name {@link
 * ResultView#URI} in {@code _meta.ui.resourceUri}, and that {@code ui://} resource serves one
 * self-contained HTML file with the mime type {@code text/html;profile=mcp-app}. Both are offered
 * only to a client that declared the extension at initialize ({@code
 * capabilities.extensions["io.modelcontextprotocol/ui"].mimeTypes} holding that mime type); see
 * {@link AppsRouting}. Everyone else sees the server as it was.
 */
public final class McpApps {
  public static final String EXTENSION = "io.modelcontextprotocol/ui";
  public static final String MIME_TYPE = "text/html;profile=mcp-app";

  /**
   * The view needs no origin at all: it talks only to the host, by postMessage. Empty lists say so
   * (the spec's secure default, stated rather than implied).
   */
  static final Map<String, Object> VIEW_META =
      Map.of(
          "ui",
          Map.of(
              "csp",
              Map.of(
                  "connectDomains", List.of(),
                  "resourceDomains", List.of(),
                  "frameDomains", List.of()),
              "prefersBorder",
              true));

  private static volatile String html;

  private McpApps() {}

  /** Whether a client declared the extension with the HTML profile, as the spec asks. */
  public static boolean declaredBy(McpSchema.ClientCapabilities capabilities) {
    if (capabilities == null || capabilities.extensions() == null) {
      return false;
    }
    Map<String, Object> ui = capabilities.extensions().get(EXTENSION);
    return ui != null && ui.get("mimeTypes") instanceof List<?> types && types.contains(MIME_TYPE);
  }

  /** A tool's {@code _meta}: the view that shows its result. */
  static Map<String, Object> toolMeta(String view) {
    return Map.of("ui", Map.of("resourceUri", view));
  }

  /** The result view as an MCP resource, read from the jar. */
  static McpServerFeatures.AsyncResourceSpecification resultView() {
    McpSchema.Resource resource =
        new McpSchema.Resource(
            ResultView.URI,
            "result_view",
            "Query result view",
            "Sortable, filterable grid of a query's rows with a chart, paging through the host",
            MIME_TYPE,
            null,
            null,
            VIEW_META);
    return new McpServerFeatures.AsyncResourceSpecification(
        resource,
        (exchange, request) ->
            Mono.fromSupplier(
                () ->
                    new McpSchema.ReadResourceResult(
                        List.of(
                            new McpSchema.TextResourceContents(
                                ResultView.URI, MIME_TYPE, viewHtml(), VIEW_META)))));
  }

  /** The view's HTML, loaded once. */
  public static String viewHtml() {
    String loaded = html;
    if (loaded == null) {
      try (InputStream in = McpApps.class.getResourceAsStream(ResultView.RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(ResultView.RESOURCE + " is missing from the jar");
        }
        loaded = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      html = loaded;
    }
    return loaded;
  }
}
