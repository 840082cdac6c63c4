package dev.databricksmcp.sandbox.vectorsearch;

import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.vectorsearch.QueryVectorIndexRequest;
import com.databricks.sdk.service.vectorsearch.VectorIndex;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.uc.Grants;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A query of an index: the {@code num_results} rows nearest {@code query_text} (embedded as the
 * index embeds its text column) or {@code query_vector}, among those {@code filters_json} keeps,
 * with their score as the last column. All rows come on one page (no next_page_token). Querying an
 * index that is not ready yet is refused with FAILED_PRECONDITION (the reference does not say which
 * code; the sandbox's choice).
 */
final class IndexQueries {
  private static final int MAX_RESULTS = 10_000;

  private final VectorIndexes indexes;
  private final Grants grants;

  IndexQueries(VectorIndexes indexes, Grants grants) {
    this.indexes = indexes;
    this.grants = grants;
  }

  Object query(ApiRequest r) {
    String name = r.pathVar("index_name").toLowerCase(java.util.Locale.ROOT);
    String owner = indexes.owner(name);
    if (!VectorSearchApi.may(grants, r.principal(), owner, name, Privilege.SELECT)) {
      throw ApiException.denied(
          "User " + r.principal().userName() + " does not have SELECT on index " + name + ".");
    }
    QueryVectorIndexRequest q = r.bodyAs(QueryVectorIndexRequest.class);
    VectorIndex index = indexes.get(name);
    if (!Boolean.TRUE.equals(index.getStatus().getReady())) {
      throw new ApiException(
          ErrorCode.FAILED_PRECONDITION,
          "Index " + name + " is not ready yet (" + index.getStatus().getMessage() + ")");
    }
    IndexLayout layout = indexes.layout(name);
    if (q.getColumns() == null || q.getColumns().isEmpty()) {
      throw ApiException.invalid("Missing required field: columns");
    }
    for (String c : q.getColumns()) {
      if (!layout.columns().contains(c) || c.equals(layout.vectorColumn())) {
        throw ApiException.invalid("Column " + c + " is not a column of index " + name);
      }
    }
    long n = q.getNumResults() == null ? 10 : q.getNumResults();
    if (n < 1 || n > MAX_RESULTS) {
      throw ApiException.invalid("num_results must be between 1 and " + MAX_RESULTS);
    }
    float[] vector = queryVector(q, layout, name);
    var filter = VectorFilters.parse(q.getFiltersJson(), new HashSet<>(layout.columns()));
    double threshold = q.getScoreThreshold() == null ? 0 : q.getScoreThreshold();
    List<List<Object>> data = new ArrayList<>();
    for (VectorIndexes.Hit hit : indexes.search(name, vector, filter, (int) n)) {
      if (hit.score() < threshold) {
        continue;
      }
      List<Object> row = new ArrayList<>();
      q.getColumns().forEach(c -> row.add(hit.row().values().get(c)));
      row.add(hit.score());
      data.add(row);
    }
    List<Map<String, Object>> columns = new ArrayList<>();
    q.getColumns().forEach(c -> columns.add(Map.of("name", c)));
    columns.add(Map.of("name", "score"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("manifest", Map.of("column_count", columns.size(), "columns", columns));
    out.put("result", Map.of("row_count", data.size(), "data_array", data));
    return out;
  }

  private static float[] queryVector(QueryVectorIndexRequest q, IndexLayout layout, String name) {
    boolean text = q.getQueryText() != null && !q.getQueryText().isBlank();
    boolean vector = q.getQueryVector() != null && !q.getQueryVector().isEmpty();
    if (text == vector) {
      throw ApiException.invalid("Give exactly one of query_text and query_vector");
    }
    if (text) {
      if (layout.textColumn() == null) {
        throw ApiException.invalid(
            "Index "
                + name
                + " has self-managed embeddings: query it with query_vector, not query_text");
      }
      return TextEmbedding.embed(q.getQueryText());
    }
    if (q.getQueryVector().size() != layout.dimension()) {
      throw ApiException.invalid(
          "query_vector has "
              + q.getQueryVector().size()
              + " dimensions; index "
              + name
              + " has "
              + layout.dimension());
    }
    float[] v = new float[layout.dimension()];
    int i = 0;
    for (Double d : q.getQueryVector()) {
      v[i++] = d.floatValue();
    }
    return v;
  }
}
