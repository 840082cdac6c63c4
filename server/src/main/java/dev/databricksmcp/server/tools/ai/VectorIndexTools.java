package dev.databricksmcp.server.tools.ai;

import static dev.databricksmcp.server.tools.ai.VectorSearchParams.ENDPOINT_NAME;
import static dev.databricksmcp.server.tools.ai.VectorSearchParams.INDEX_NAME;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.vectorsearch.DeleteIndexRequest;
import com.databricks.sdk.service.vectorsearch.GetIndexRequest;
import com.databricks.sdk.service.vectorsearch.ListIndexesRequest;
import com.databricks.sdk.service.vectorsearch.MiniVectorIndex;
import com.databricks.sdk.service.vectorsearch.PipelineType;
import com.databricks.sdk.service.vectorsearch.SyncIndexRequest;
import com.databricks.sdk.service.vectorsearch.VectorIndex;
import com.databricks.sdk.service.vectorsearch.VectorIndexType;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.patterns.Deletion;
import dev.databricksmcp.server.core.patterns.Listing;
import dev.databricksmcp.server.core.patterns.Lookup;
import dev.databricksmcp.server.core.patterns.WholeListPages;
import dev.databricksmcp.server.core.wait.Waited;
import dev.databricksmcp.server.core.wait.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vector indexes: list (by endpoint), get, create ({@link VectorIndexCreateTool}), delete, sync.
 */
final class VectorIndexTools {
  private VectorIndexTools() {}

  static List<ToolDef> definitions() {
    return List.of(list(), get(), VectorIndexCreateTool.definition(), delete(), sync());
  }

  static ToolDef list() {
    Listing<MiniVectorIndex> listing =
        Listing.<MiniVectorIndex>of(
                "vector indexes",
                (page, args, ctx) -> {
                  List<MiniVectorIndex> all = new ArrayList<>();
                  ctx.workspace()
                      .vectorSearchIndexes()
                      .listIndexes(new ListIndexesRequest().setEndpointName(ENDPOINT_NAME.of(args)))
                      .forEach(all::add);
                  return WholeListPages.of(all, page);
                })
            .params(ENDPOINT_NAME)
            .rows(VectorSearchRows::index);
    return ToolDef.builder(AiToolset.ID, "list_vector_search_indexes")
        .title("List vector search indexes")
        .description(
            "The vector indexes on one endpoint: name (catalog.schema.index), type (DELTA_SYNC or"
                + " DIRECT_ACCESS), primary key. get_vector_search_index shows state, source table,"
                + " embedding settings and row count.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  static ToolDef get() {
    Lookup<VectorIndex> lookup =
        Lookup.of(INDEX_NAME, (key, ctx) -> fetch(ctx.workspace(), key), VectorIndexTools::said)
            .shape(VectorSearchRows::index);
    return ToolDef.builder(AiToolset.ID, "get_vector_search_index")
        .title("Get vector search index")
        .description(
            "One vector index: state (ONLINE once ready, PROVISIONING_INITIAL_SNAPSHOT while it is"
                + " built, …), indexed row count, source table and pipeline type (Delta Sync),"
                + " embedding settings (text column and model endpoint, or vector column and"
                + " dimension), schema (Direct Access).")
        .input(lookup.input())
        .hints(ToolHints.read())
        .handler(lookup)
        .build();
  }

  static ToolDef delete() {
    Deletion<VectorIndex> deletion =
        Deletion.of(
            (args, ctx) -> fetch(ctx.workspace(), INDEX_NAME.of(args)),
            (i, args, ctx) ->
                ConfirmationTarget.irreversible(
                    "delete vector index "
                        + i.getName()
                        + " ("
                        + i.getIndexType()
                        + (i.getDeltaSyncIndexSpec() != null
                            ? "; its source table "
                                + i.getDeltaSyncIndexSpec().getSourceTable()
                                + " stays"
                            : "; its rows are lost")
                        + ") in "
                        + ctx.workspaceHost(),
                    i.getName() + "|" + i.getEndpointName()),
            (i, args, ctx) -> {
              ctx.workspace()
                  .vectorSearchIndexes()
                  .deleteIndex(new DeleteIndexRequest().setIndexName(i.getName()));
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("name", i.getName());
              data.put("deleted", true);
              return ToolResult.of(data, "Deleted vector index " + i.getName() + ".");
            });
    return ToolDef.builder(AiToolset.ID, "delete_vector_search_index")
        .title("Delete vector search index")
        .description(
            "Delete a vector index for good. A Delta Sync index's source table is not touched; a"
                + " Direct Access index's rows are lost.")
        .input(Schema.of(INDEX_NAME))
        .hints(ToolHints.destructive(true))
        .checkWith("get_vector_search_index")
        .confirmTarget(deletion)
        .handler(deletion)
        .build();
  }

  static ToolDef sync() {
    return ToolDef.builder(AiToolset.ID, "sync_vector_search_index")
        .title("Sync vector search index")
        .description(
            "Start a sync of a TRIGGERED Delta Sync index: it reads its source table again (new,"
                + " changed and deleted rows). Queries keep reading the rows synced before until it"
                + " ends; get_vector_search_index shows its state and row count.")
        .input(Schema.of(INDEX_NAME))
        .hints(ToolHints.write(true))
        .checkWith("get_vector_search_index")
        .handler(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              VectorIndex i = fetch(w, INDEX_NAME.of(args));
              if (i.getIndexType() != VectorIndexType.DELTA_SYNC) {
                throw ToolException.validation(
                    INDEX_NAME.name(),
                    i.getName()
                        + " is a Direct Access index: it has no source table to sync; write its"
                        + " rows with upsert_vector_search_data");
              }
              if (i.getDeltaSyncIndexSpec().getPipelineType() != PipelineType.TRIGGERED) {
                throw ToolException.validation(
                    INDEX_NAME.name(),
                    i.getName()
                        + " has a CONTINUOUS pipeline: it follows its source table by itself");
              }
              w.vectorSearchIndexes().syncIndex(new SyncIndexRequest().setIndexName(i.getName()));
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("name", i.getName());
              data.put("source_table", i.getDeltaSyncIndexSpec().getSourceTable());
              data.put("sync_started", true);
              return ToolResult.of(
                  data,
                  "Started a sync of "
                      + i.getName()
                      + " from "
                      + i.getDeltaSyncIndexSpec().getSourceTable()
                      + "; get_vector_search_index shows its row count when it ends.");
            })
        .build();
  }

  static VectorIndex fetch(WorkspaceClient w, String name) {
    return w.vectorSearchIndexes().getIndex(new GetIndexRequest().setIndexName(name));
  }

  static String said(VectorIndex i) {
    String state = VectorSearchRows.state(i);
    Long rows = i.getStatus() == null ? null : i.getStatus().getIndexedRowCount();
    return "Vector index "
        + i.getName()
        + " is "
        + state
        + (rows == null
            ? ""
            : " with " + dev.databricksmcp.server.core.Counted.of(rows, "row", "rows"))
        + ("ONLINE".equals(state) ? "." : "; " + whatToDo(i));
  }

  /** What to do about an index that is not ready yet. */
  static String whatToDo(VectorIndex i) {
    return "it can be queried once ONLINE: call get_vector_search_index again in a minute"
        + (i.getIndexType() == VectorIndexType.DELTA_SYNC
            ? " (its first sync is under way)."
            : ".");
  }

  /** The index after waiting up to {@code wait} for it to be ready; said as done either way. */
  static ToolResult awaitOnline(VectorIndex known, Duration wait, ToolContext ctx, String said)
      throws InterruptedException {
    if (wait.isZero()) {
      return ToolResult.of(VectorSearchRows.index(known), said + " " + said(known));
    }
    WorkspaceClient w = ctx.workspace();
    Waited<VectorIndex> waited =
        Waiter.polling(() -> fetch(w, known.getName()))
            .until(i -> i.getStatus() != null && Boolean.TRUE.equals(i.getStatus().getReady()))
            .describedAs(
                i -> "index " + known.getName() + " ONLINE (now " + VectorSearchRows.state(i) + ")")
            .startingFrom(known)
            .waitFor(ctx, wait)
            .throwIfInterrupted();
    if (waited.outcome() == Waited.Outcome.POLL_FAILED) {
      return ToolResult.of(
          VectorSearchRows.index(known),
          said + " Reading its state failed; get_vector_search_index shows it.");
    }
    return ToolResult.of(VectorSearchRows.index(waited.last()), said + " " + said(waited.last()));
  }
}
