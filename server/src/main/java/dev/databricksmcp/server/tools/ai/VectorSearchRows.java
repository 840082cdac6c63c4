package dev.databricksmcp.server.tools.ai;

import com.databricks.sdk.service.vectorsearch.DeltaSyncVectorIndexSpecResponse;
import com.databricks.sdk.service.vectorsearch.DirectAccessVectorIndexSpec;
import com.databricks.sdk.service.vectorsearch.EmbeddingSourceColumn;
import com.databricks.sdk.service.vectorsearch.EmbeddingVectorColumn;
import com.databricks.sdk.service.vectorsearch.EndpointInfo;
import com.databricks.sdk.service.vectorsearch.MiniVectorIndex;
import com.databricks.sdk.service.vectorsearch.VectorIndex;
import com.databricks.sdk.service.vectorsearch.VectorIndexStatus;
import dev.databricksmcp.server.core.Times;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Vector search endpoints and indexes as the tools show them (docs/OUTPUT.md). */
final class VectorSearchRows {
  private VectorSearchRows() {}

  static Map<String, Object> endpoint(EndpointInfo e) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", e.getName());
    row.put("type", e.getEndpointType() == null ? null : e.getEndpointType().toString());
    row.put("state", endpointState(e));
    row.put("num_indexes", e.getNumIndexes());
    return row;
  }

  static Map<String, Object> endpointDetail(EndpointInfo e) {
    Map<String, Object> row = endpoint(e);
    row.put("id", e.getId());
    row.put("message", e.getEndpointStatus() == null ? null : e.getEndpointStatus().getMessage());
    row.put("creator", e.getCreator());
    row.put("created_at", Times.iso(e.getCreationTimestamp()));
    row.put("updated_at", Times.iso(e.getLastUpdatedTimestamp()));
    return row;
  }

  static String endpointState(EndpointInfo e) {
    return e.getEndpointStatus() == null || e.getEndpointStatus().getState() == null
        ? null
        : e.getEndpointStatus().getState().toString();
  }

  static Map<String, Object> index(MiniVectorIndex i) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", i.getName());
    row.put("endpoint_name", i.getEndpointName());
    row.put("type", i.getIndexType() == null ? null : i.getIndexType().toString());
    row.put("primary_key", i.getPrimaryKey());
    return row;
  }

  /** An index with its status, source and embedding settings. */
  static Map<String, Object> index(VectorIndex i) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", i.getName());
    row.put("endpoint_name", i.getEndpointName());
    row.put("type", i.getIndexType() == null ? null : i.getIndexType().toString());
    row.put("primary_key", i.getPrimaryKey());
    VectorIndexStatus s = i.getStatus();
    row.put("state", state(i));
    row.put("ready", s != null && Boolean.TRUE.equals(s.getReady()));
    row.put("indexed_row_count", s == null ? null : s.getIndexedRowCount());
    row.put("message", s == null ? null : s.getMessage());
    DeltaSyncVectorIndexSpecResponse ds = i.getDeltaSyncIndexSpec();
    if (ds != null) {
      row.put("source_table", ds.getSourceTable());
      row.put(
          "pipeline_type", ds.getPipelineType() == null ? null : ds.getPipelineType().toString());
      embedding(row, ds.getEmbeddingSourceColumns(), ds.getEmbeddingVectorColumns());
      row.put("columns_to_sync", ds.getColumnsToSync());
    }
    DirectAccessVectorIndexSpec da = i.getDirectAccessIndexSpec();
    if (da != null) {
      embedding(row, da.getEmbeddingSourceColumns(), da.getEmbeddingVectorColumns());
      row.put("schema_json", da.getSchemaJson());
    }
    row.put("creator", i.getCreator());
    return row;
  }

  /**
   * ONLINE when the index is ready, else the state word its status message starts with
   * (PROVISIONING_INITIAL_SNAPSHOT, …), else NOT_READY.
   */
  static String state(VectorIndex i) {
    VectorIndexStatus s = i.getStatus();
    if (s != null && Boolean.TRUE.equals(s.getReady())) {
      return "ONLINE";
    }
    String message = s == null || s.getMessage() == null ? "" : s.getMessage();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("^([A-Z_]{4,})\\b").matcher(message);
    return m.find() ? m.group(1) : "NOT_READY";
  }

  /** The text column an index embeds, or null when its vectors are self-managed. */
  static String textColumn(VectorIndex i) {
    Collection<EmbeddingSourceColumn> sources =
        i.getDeltaSyncIndexSpec() != null
            ? i.getDeltaSyncIndexSpec().getEmbeddingSourceColumns()
            : i.getDirectAccessIndexSpec() == null
                ? null
                : i.getDirectAccessIndexSpec().getEmbeddingSourceColumns();
    return sources == null || sources.isEmpty() ? null : sources.iterator().next().getName();
  }

  private static void embedding(
      Map<String, Object> row,
      Collection<EmbeddingSourceColumn> sources,
      Collection<EmbeddingVectorColumn> vectors) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (sources != null) {
      for (EmbeddingSourceColumn c : sources) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("text_column", c.getName());
        e.put("embedding_model_endpoint", c.getEmbeddingModelEndpointName());
        out.add(e);
      }
    }
    if (vectors != null) {
      for (EmbeddingVectorColumn c : vectors) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("vector_column", c.getName());
        e.put("embedding_dimension", c.getEmbeddingDimension());
        out.add(e);
      }
    }
    row.put("embedding", out);
  }
}
