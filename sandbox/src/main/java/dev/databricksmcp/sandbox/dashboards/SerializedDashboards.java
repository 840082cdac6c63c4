package dev.databricksmcp.sandbox.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.Json;
import java.io.IOException;

/**
 * A dashboard's {@code serialized_dashboard} as the service keeps it. What the Databricks CLI's
 * test server records of the real one (libs/testserver/dashboards.go): each page gets {@code
 * pageType} PAGE_TYPE_CANVAS, {@code dataset_catalog} / {@code dataset_schema} become every
 * dataset's {@code catalog} / {@code schema}, and the text ends with one newline; otherwise it is
 * kept as given.
 */
final class SerializedDashboards {
  private SerializedDashboards() {}

  /** The stored form of {@code json}; INVALID_PARAMETER_VALUE when it is no JSON object. */
  static String stored(String json, String datasetCatalog, String datasetSchema) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (IOException e) {
      root = null;
    }
    if (!(root instanceof ObjectNode dashboard)) {
      throw ApiException.invalid("serialized_dashboard must be a JSON object.");
    }
    boolean changed = false;
    for (JsonNode page : dashboard.path("pages")) {
      if (page instanceof ObjectNode p && !p.has("pageType")) {
        p.put("pageType", "PAGE_TYPE_CANVAS");
        changed = true;
      }
    }
    for (JsonNode dataset : dashboard.path("datasets")) {
      if (dataset instanceof ObjectNode d) {
        if (datasetCatalog != null && !datasetCatalog.isEmpty()) {
          d.put("catalog", datasetCatalog);
          changed = true;
        }
        if (datasetSchema != null && !datasetSchema.isEmpty()) {
          d.put("schema", datasetSchema);
          changed = true;
        }
      }
    }
    String out = changed ? dashboard.toString() : dashboard.isEmpty() ? "{}" : json;
    return out.endsWith("\n") ? out : out + "\n";
  }
}
