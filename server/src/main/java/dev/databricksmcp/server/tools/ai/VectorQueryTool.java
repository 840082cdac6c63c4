package dev.databricksmcp.server.tools.ai;

import static dev.databricksmcp.server.tools.ai.VectorSearchParams.INDEX_NAME;

import com.databricks.sdk.service.vectorsearch.ColumnInfo;
import com.databricks.sdk.service.vectorsearch.QueryVectorIndexRequest;
import com.databricks.sdk.service.vectorsearch.QueryVectorIndexResponse;
import com.databricks.sdk.service.vectorsearch.VectorIndex;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.Counted;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.TextCaps;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * query_vector_search_index: the rows nearest a text or a vector, with their scores, best first; an
 * index that is not ONLINE answers with its state and what to do instead.
 */
final class VectorQueryTool {
  static final String QUERY_VECTOR = "query_vector";

  /** The most bytes of one text cell shown; longer ones are cut and said so. */
  static final int CELL_BYTES = 2000;

  private static final Param<String> QUERY_TEXT =
      Param.string("query_text", "Text to find similar rows to (indexes that embed text)");
  private static final Param<Integer> NUM_RESULTS =
      Param.integer("num_results", "How many rows ({min}-{max}; default {default})")
          .range(1, 100)
          .withDefault(10);
  private static final Param<List<String>> COLUMNS =
      Param.stringList(
          "columns", "Columns to return (default: the primary key and the embedded text column)");
  private static final Param<Map<String, Object>> FILTERS =
      Param.object(
          VectorFilters.FIELD,
          "Filters, all must hold: {\"col\": v} equals, {\"col\": [a, b]} any of, {\"col NOT\":"
              + " v}, {\"col <\": n} (also <=, >, >=), {\"col LIKE\": \"word\"}, {\"col1 OR"
              + " col2\": v}");

  private VectorQueryTool() {}

  static ToolDef definition() {
    return ToolDef.builder(AiToolset.ID, "query_vector_search_index")
        .title("Query vector search index")
        .description(
            "The rows of a vector index nearest query_text (indexes that embed a text column) or"
                + " query_vector (exactly one), best first, each with its score (higher is"
                + " closer); filters narrow the rows first. The index must be ONLINE.")
        .input(
            Schema.of(INDEX_NAME, QUERY_TEXT)
                .property(
                    QUERY_VECTOR,
                    Map.of(
                        "type",
                        "array",
                        "items",
                        Map.of("type", "number"),
                        "description",
                        "Vector to find similar rows to, as long as the index's embedding_dimension"),
                    false)
                .params(NUM_RESULTS, COLUMNS, FILTERS))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              List<Double> vector = queryVector(args);
              if (QUERY_TEXT.given(args) == (vector != null)) {
                throw ToolException.validation(
                    QUERY_TEXT.name(), "give exactly one of query_text and query_vector");
              }
              String filters = FILTERS.optional(args).map(VectorFilters::json).orElse(null);
              VectorIndex index = VectorIndexTools.fetch(ctx.workspace(), INDEX_NAME.of(args));
              String state = VectorSearchRows.state(index);
              if (!"ONLINE".equals(state)) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("index_name", index.getName());
                details.put("state", state);
                throw new ToolException(
                    ErrorCode.UNAVAILABLE,
                    "Vector index "
                        + index.getName()
                        + " is "
                        + state
                        + ", not ONLINE: "
                        + VectorIndexTools.whatToDo(index),
                    details);
              }
              List<String> columns = COLUMNS.optional(args).orElseGet(() -> defaultColumns(index));
              QueryVectorIndexRequest req =
                  new QueryVectorIndexRequest()
                      .setIndexName(index.getName())
                      .setColumns(columns)
                      .setNumResults((long) NUM_RESULTS.of(args))
                      .setFiltersJson(filters);
              QUERY_TEXT.optional(args).ifPresent(req::setQueryText);
              if (vector != null) {
                req.setQueryVector(vector);
              }
              QueryVectorIndexResponse r = ctx.workspace().vectorSearchIndexes().queryIndex(req);
              return rows(index.getName(), r);
            })
        .build();
  }

  private static List<String> defaultColumns(VectorIndex index) {
    List<String> columns = new ArrayList<>();
    columns.add(index.getPrimaryKey());
    String text = VectorSearchRows.textColumn(index);
    if (text != null && !text.equals(index.getPrimaryKey())) {
      columns.add(text);
    }
    return columns;
  }

  /** query_vector as numbers, or null when not given. */
  private static List<Double> queryVector(Args args) {
    Object raw = args.asMap().get(QUERY_VECTOR);
    if (raw == null) {
      return null;
    }
    if (!(raw instanceof List<?> list) || list.isEmpty()) {
      throw ToolException.validation(QUERY_VECTOR, "must be a non-empty array of numbers");
    }
    List<Double> out = new ArrayList<>();
    for (Object x : list) {
      if (!(x instanceof Number n)) {
        throw ToolException.validation(QUERY_VECTOR, "must be a non-empty array of numbers");
      }
      out.add(n.doubleValue());
    }
    return out;
  }

  /** The result as rows of column → value, score last; long texts cut. */
  private static ToolResult rows(String indexName, QueryVectorIndexResponse r) {
    List<String> names = new ArrayList<>();
    if (r.getManifest() != null && r.getManifest().getColumns() != null) {
      r.getManifest().getColumns().stream().map(ColumnInfo::getName).forEach(names::add);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    boolean cut = false;
    Collection<Collection<String>> data =
        r.getResult() == null || r.getResult().getDataArray() == null
            ? List.of()
            : r.getResult().getDataArray();
    for (Collection<String> values : data) {
      Map<String, Object> row = new LinkedHashMap<>();
      int i = 0;
      for (String v : values) {
        String name = i < names.size() ? names.get(i) : "column_" + i;
        if (v != null && TextCaps.bytes(v) > CELL_BYTES) {
          v = TextCaps.capped(v, CELL_BYTES);
          cut = true;
        }
        row.put(name, name.equals("score") && v != null ? Double.valueOf(v) : v);
        i++;
      }
      rows.add(row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("index_name", indexName);
    out.put("columns", names);
    out.put("rows", rows);
    if (cut) {
      out.put("truncated", true);
    }
    return ToolResult.list(
        out,
        rows.size(),
        "Found "
            + Counted.of(rows.size(), "row", "rows")
            + " in "
            + indexName
            + ", nearest first."
            + (cut ? " Texts over " + CELL_BYTES + " bytes were cut; ask for fewer columns." : ""));
  }
}
