package dev.databricksmcp.sandbox.vectorsearch;

import com.databricks.sdk.service.vectorsearch.EmbeddingSourceColumn;
import com.databricks.sdk.service.vectorsearch.EmbeddingVectorColumn;
import com.databricks.sdk.service.vectorsearch.VectorIndex;
import dev.databricksmcp.sandbox.http.ApiException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an index keeps of a row and how it gets the row's vector: its primary key, its columns, and
 * either a text column embedded by {@link TextEmbedding} (an embedding model endpoint) or a vector
 * column of a fixed dimension (self-managed embeddings, Direct Vector Access).
 *
 * @param textColumn the column embedded by the index; null for self-managed vectors
 * @param vectorColumn the column holding the row's vector; null when the index embeds text
 */
record IndexLayout(
    String primaryKey,
    List<String> columns,
    String textColumn,
    String vectorColumn,
    int dimension) {

  static IndexLayout of(VectorIndex spec, List<String> columns) {
    Collection<EmbeddingSourceColumn> sources =
        spec.getDeltaSyncIndexSpec() != null
            ? spec.getDeltaSyncIndexSpec().getEmbeddingSourceColumns()
            : spec.getDirectAccessIndexSpec().getEmbeddingSourceColumns();
    Collection<EmbeddingVectorColumn> vectors =
        spec.getDeltaSyncIndexSpec() != null
            ? spec.getDeltaSyncIndexSpec().getEmbeddingVectorColumns()
            : spec.getDirectAccessIndexSpec().getEmbeddingVectorColumns();
    if (sources != null && !sources.isEmpty()) {
      return new IndexLayout(
          spec.getPrimaryKey(),
          columns,
          sources.iterator().next().getName(),
          null,
          TextEmbedding.DIMENSION);
    }
    EmbeddingVectorColumn v = vectors.iterator().next();
    return new IndexLayout(
        spec.getPrimaryKey(), columns, null, v.getName(), v.getEmbeddingDimension().intValue());
  }

  /** One row as the index keeps it: its columns' values (JSON-friendly) and its vector. */
  VectorIndexes.Row row(Map<String, Object> values) {
    Object key = values.get(primaryKey);
    if (key == null) {
      throw ApiException.invalid("Row is missing its primary key " + primaryKey);
    }
    Map<String, Object> kept = new LinkedHashMap<>();
    for (String c : columns) {
      if (!c.equals(vectorColumn)) {
        kept.put(c, jsonValue(values.get(c)));
      }
    }
    float[] vector =
        textColumn != null
            ? TextEmbedding.embed(
                values.get(textColumn) == null ? "" : values.get(textColumn).toString())
            : vector(values.get(vectorColumn), key);
    return new VectorIndexes.Row(key.toString(), kept, vector);
  }

  private float[] vector(Object raw, Object key) {
    List<?> items = VectorValues.asList(raw);
    if (items == null || items.size() != dimension) {
      throw ApiException.invalid(
          "Row "
              + key
              + ": "
              + vectorColumn
              + " must be an array of "
              + dimension
              + " numbers (embedding_dimension)");
    }
    float[] v = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      v[i] = ((Number) items.get(i)).floatValue();
    }
    return v;
  }

  private static Object jsonValue(Object v) {
    if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
      return v;
    }
    return v.toString();
  }
}
