package dev.databricksmcp.server.tools.ai;

import static dev.databricksmcp.server.tools.ai.VectorSearchParams.INDEX_NAME;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.vectorsearch.DeleteDataVectorIndexRequest;
import com.databricks.sdk.service.vectorsearch.DeleteDataVectorIndexResponse;
import com.databricks.sdk.service.vectorsearch.UpsertDataVectorIndexRequest;
import com.databricks.sdk.service.vectorsearch.UpsertDataVectorIndexResponse;
import com.databricks.sdk.service.vectorsearch.VectorIndex;
import com.databricks.sdk.service.vectorsearch.VectorIndexType;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.Counted;
import dev.databricksmcp.server.core.Jsons;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writing a Direct Access index's rows: upsert and delete by primary key. */
final class VectorDataTools {
  static final String ROWS = "rows";
  static final int MAX_ROWS = 1000;

  private static final Param<List<String>> PRIMARY_KEYS =
      Param.stringList("primary_keys", "Primary keys of the rows to delete").required();

  private VectorDataTools() {}

  static List<ToolDef> definitions() {
    return List.of(upsert(), delete());
  }

  static ToolDef upsert() {
    return ToolDef.builder(AiToolset.ID, "upsert_vector_search_data")
        .title("Upsert vector search data")
        .description(
            "Insert or replace rows of a Direct Access vector index (by primary key): each row an"
                + " object with the index's columns, its vector column as an array of"
                + " embedding_dimension numbers (or its text column, when the index embeds text)."
                + " Delta Sync indexes take their rows from their source table instead.")
        .input(
            Schema.of(INDEX_NAME)
                .property(
                    ROWS,
                    Map.of(
                        "type",
                        "array",
                        "items",
                        Map.of("type", "object"),
                        "maxItems",
                        MAX_ROWS,
                        "description",
                        "Rows to write (1-"
                            + MAX_ROWS
                            + "), e.g. [{\"id\": 1, \"text\": \"…\", \"v\": [0.1, 0.2]}]"),
                    true))
        .hints(ToolHints.write(true))
        .checkWith("query_vector_search_index")
        .handler(
            (args, ctx) -> {
              List<?> rows = rows(args);
              VectorIndex index = directAccess(ctx.workspace(), args);
              UpsertDataVectorIndexResponse r =
                  ctx.workspace()
                      .vectorSearchIndexes()
                      .upsertDataVectorIndex(
                          new UpsertDataVectorIndexRequest()
                              .setIndexName(index.getName())
                              .setInputsJson(Jsons.write(rows)));
              long written =
                  r.getResult() == null || r.getResult().getSuccessRowCount() == null
                      ? 0
                      : r.getResult().getSuccessRowCount();
              Collection<String> failed =
                  r.getResult() == null ? null : r.getResult().getFailedPrimaryKeys();
              return outcome(
                  index.getName(),
                  "upserted_rows",
                  written,
                  failed,
                  r.getStatus() == null ? null : r.getStatus().toString(),
                  "Upserted " + Counted.of(written, "row", "rows") + " into " + index.getName());
            })
        .build();
  }

  static ToolDef delete() {
    return ToolDef.builder(AiToolset.ID, "delete_vector_search_data")
        .title("Delete vector search data")
        .description(
            "Delete rows of a Direct Access vector index by primary key. Delta Sync indexes follow"
                + " their source table: delete there and sync instead.")
        .input(Schema.of(INDEX_NAME, PRIMARY_KEYS))
        .hints(ToolHints.write(true))
        .checkWith("query_vector_search_index")
        .handler(
            (args, ctx) -> {
              List<String> keys = PRIMARY_KEYS.of(args);
              if (keys.isEmpty()) {
                throw ToolException.validation(PRIMARY_KEYS.name(), "give at least one key");
              }
              VectorIndex index = directAccess(ctx.workspace(), args);
              DeleteDataVectorIndexResponse r =
                  ctx.workspace()
                      .vectorSearchIndexes()
                      .deleteDataVectorIndex(
                          new DeleteDataVectorIndexRequest()
                              .setIndexName(index.getName())
                              .setPrimaryKeys(keys));
              long deleted =
                  r.getResult() == null || r.getResult().getSuccessRowCount() == null
                      ? 0
                      : r.getResult().getSuccessRowCount();
              Collection<String> failed =
                  r.getResult() == null ? null : r.getResult().getFailedPrimaryKeys();
              return outcome(
                  index.getName(),
                  "deleted_rows",
                  deleted,
                  failed,
                  r.getStatus() == null ? null : r.getStatus().toString(),
                  "Deleted " + Counted.of(deleted, "row", "rows") + " from " + index.getName());
            })
        .build();
  }

  private static List<?> rows(Args args) {
    Object raw = args.asMap().get(ROWS);
    if (!(raw instanceof List<?> list) || list.isEmpty() || list.size() > MAX_ROWS) {
      throw ToolException.validation(ROWS, "must be an array of 1-" + MAX_ROWS + " row objects");
    }
    if (!list.stream().allMatch(r -> r instanceof Map<?, ?>)) {
      throw ToolException.validation(ROWS, "every row must be an object of column → value");
    }
    return list;
  }

  /** The index, once it is known to be a Direct Access one. */
  private static VectorIndex directAccess(WorkspaceClient w, Args args) {
    VectorIndex index = VectorIndexTools.fetch(w, INDEX_NAME.of(args));
    if (index.getIndexType() != VectorIndexType.DIRECT_ACCESS) {
      String source =
          index.getDeltaSyncIndexSpec() == null
              ? "its source table"
              : index.getDeltaSyncIndexSpec().getSourceTable();
      throw ToolException.validation(
          INDEX_NAME.name(),
          index.getName()
              + " is a Delta Sync index: it syncs from "
              + source
              + "; change that table and call sync_vector_search_index");
    }
    return index;
  }

  private static ToolResult outcome(
      String index,
      String countKey,
      long count,
      Collection<String> failed,
      String status,
      String said) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("index_name", index);
    data.put("status", status);
    data.put(countKey, count);
    data.put("failed_primary_keys", failed == null ? List.of() : failed);
    return ToolResult.of(
        data,
        said
            + (failed == null || failed.isEmpty()
                ? "."
                : "; "
                    + Counted.of(failed.size(), "row", "rows")
                    + " failed: "
                    + String.join(", ", failed)
                    + "."));
  }
}
