package dev.databricksmcp.server.tools.ml;

import static dev.databricksmcp.server.tools.ml.ServingParams.ENDPOINT;
import static dev.databricksmcp.server.tools.ml.ServingParams.LINES;
import static dev.databricksmcp.server.tools.ml.ServingParams.SERVED_MODEL;

import com.databricks.sdk.service.serving.ServedEntityOutput;
import com.databricks.sdk.service.serving.ServingEndpointDetailed;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.TextCaps;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.UntrustedText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a serving endpoint says about itself: a served model's server logs and build logs (the last
 * lines, capped), and the endpoint's query schema in OpenAPI format, summarised.
 */
final class ServingLogTools {
  /** The most log or schema text an answer carries, in bytes. */
  static final int MAX_BYTES = 16_000;

  private ServingLogTools() {}

  static List<ToolDef> definitions() {
    return List.of(logs(), buildLogs(), openApi());
  }

  private interface Fetch {
    String logs(ToolContext ctx, String endpoint, String servedModel);
  }

  static ToolDef logs() {
    return logTool(
        "get_serving_endpoint_logs",
        "Get serving endpoint logs",
        "The last lines of a served model's server logs (what it printed while answering"
            + " queries), capped. served_model defaults to the endpoint's only one.",
        "logs",
        (ctx, e, s) -> ctx.workspace().servingEndpoints().logs(e, s).getLogs());
  }

  static ToolDef buildLogs() {
    return logTool(
        "get_serving_endpoint_build_logs",
        "Get serving endpoint build logs",
        "The last lines of a served model's build logs: why a build failed (config_update"
            + " UPDATE_FAILED). served_model defaults to the endpoint's only one.",
        "build logs",
        (ctx, e, s) -> ctx.workspace().servingEndpoints().buildLogs(e, s).getLogs());
  }

  private static ToolDef logTool(
      String name, String title, String description, String noun, Fetch fetch) {
    return ToolDef.builder(MlToolset.ID, name)
        .title(title)
        .description(description)
        .input(Schema.of(ENDPOINT, SERVED_MODEL, LINES))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              String endpoint = ENDPOINT.of(args);
              String served = servedModel(args, ctx, endpoint);
              String all = fetch.logs(ctx, endpoint, served);
              String last = TextCaps.lastLines(all == null ? "" : all, LINES.of(args));
              String capped = lastBytes(last);
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("name", endpoint);
              data.put("served_model", served);
              data.put("logs", UntrustedText.clean(capped));
              data.put("truncated", capped.length() < last.length());
              long lines = capped.isEmpty() ? 0 : capped.lines().count();
              return ToolResult.of(
                  data,
                  "The last "
                      + lines
                      + (lines == 1 ? " line" : " lines")
                      + " of the "
                      + noun
                      + " of "
                      + served
                      + " on "
                      + endpoint
                      + (capped.length() < last.length()
                          ? " (cut to " + MAX_BYTES + " bytes: ask for fewer lines)."
                          : "."));
            })
        .build();
  }

  /** The end of the text, at most {@link #MAX_BYTES}: the latest lines are the ones that count. */
  private static String lastBytes(String text) {
    if (TextCaps.bytes(text) <= MAX_BYTES) {
      return text;
    }
    String reversed = new StringBuilder(text).reverse().toString();
    return new StringBuilder(TextCaps.capped(reversed, MAX_BYTES)).reverse().toString();
  }

  /** The served model asked for, or the endpoint's only one (current config, else pending). */
  private static String servedModel(Args args, ToolContext ctx, String endpoint) {
    if (SERVED_MODEL.given(args)) {
      return SERVED_MODEL.of(args);
    }
    ServingEndpointDetailed e = ctx.workspace().servingEndpoints().get(endpoint);
    Set<String> names = new LinkedHashSet<>();
    for (var config : List.of(currentEntities(e), pendingEntities(e))) {
      config.forEach(s -> names.add(s.getName()));
    }
    if (names.size() != 1) {
      throw ToolException.validation(
          SERVED_MODEL.name(),
          names.isEmpty()
              ? "the endpoint serves no model"
              : "the endpoint serves several models; name one of " + String.join(", ", names));
    }
    return names.iterator().next();
  }

  private static List<ServedEntityOutput> currentEntities(ServingEndpointDetailed e) {
    return e.getConfig() == null || e.getConfig().getServedEntities() == null
        ? List.of()
        : List.copyOf(e.getConfig().getServedEntities());
  }

  private static List<ServedEntityOutput> pendingEntities(ServingEndpointDetailed e) {
    return e.getPendingConfig() == null || e.getPendingConfig().getServedEntities() == null
        ? List.of()
        : List.copyOf(e.getPendingConfig().getServedEntities());
  }

  static ToolDef openApi() {
    return ToolDef.builder(MlToolset.ID, "get_serving_endpoint_openapi")
        .title("Get serving endpoint OpenAPI schema")
        .description(
            "The endpoint's query schema (OpenAPI): each path with its method and the input"
                + " fields it takes, and the document itself, capped.")
        .input(Schema.of(ENDPOINT))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              String endpoint = ENDPOINT.of(args);
              String document;
              try (InputStream in =
                  ctx.workspace().servingEndpoints().getOpenApi(endpoint).getContents()) {
                document =
                    in == null
                        ? ""
                        : new String(in.readNBytes(4 * MAX_BYTES + 1), StandardCharsets.UTF_8);
              }
              String capped = TextCaps.capped(document, MAX_BYTES);
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("name", endpoint);
              data.put("paths", paths(document));
              data.put("document", UntrustedText.clean(capped));
              data.put("truncated", capped.length() < document.length());
              List<?> paths = (List<?>) data.get("paths");
              return ToolResult.of(
                  data,
                  "Endpoint "
                      + endpoint
                      + "'s query schema has "
                      + paths.size()
                      + (paths.size() == 1 ? " path" : " paths")
                      + (capped.length() < document.length()
                          ? " (the document is cut to " + MAX_BYTES + " bytes)."
                          : "."));
            })
        .build();
  }

  /** Each path and method with the names of its request body's fields (required ones marked). */
  private static List<Map<String, Object>> paths(String document) {
    List<Map<String, Object>> out = new ArrayList<>();
    JsonNode doc;
    try {
      doc = new ObjectMapper().readTree(document);
    } catch (IOException e) {
      return out; // not JSON (or cut): the document itself is still shown
    }
    for (Iterator<Map.Entry<String, JsonNode>> p = doc.path("paths").fields(); p.hasNext(); ) {
      Map.Entry<String, JsonNode> path = p.next();
      for (Iterator<Map.Entry<String, JsonNode>> m = path.getValue().fields(); m.hasNext(); ) {
        Map.Entry<String, JsonNode> method = m.next();
        JsonNode schema =
            method
                .getValue()
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("schema");
        List<String> inputs = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(inputs::add);
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("path", path.getKey());
        one.put("method", method.getKey().toUpperCase(java.util.Locale.ROOT));
        one.put("inputs", inputs);
        one.put("required", required);
        out.add(one);
      }
    }
    return out;
  }
}
