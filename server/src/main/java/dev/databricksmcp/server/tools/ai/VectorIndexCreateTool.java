package dev.databricksmcp.server.tools.ai;

import static dev.databricksmcp.server.tools.ai.VectorSearchParams.ENDPOINT_NAME;
import static dev.databricksmcp.server.tools.ai.VectorSearchParams.INDEX_NAME;
import static dev.databricksmcp.server.tools.ai.VectorSearchParams.WAIT_SECONDS;

import com.databricks.sdk.service.vectorsearch.CreateVectorIndexRequest;
import com.databricks.sdk.service.vectorsearch.DeltaSyncVectorIndexSpecRequest;
import com.databricks.sdk.service.vectorsearch.DirectAccessVectorIndexSpec;
import com.databricks.sdk.service.vectorsearch.EmbeddingSourceColumn;
import com.databricks.sdk.service.vectorsearch.EmbeddingVectorColumn;
import com.databricks.sdk.service.vectorsearch.PipelineType;
import com.databricks.sdk.service.vectorsearch.VectorIndex;
import com.databricks.sdk.service.vectorsearch.VectorIndexType;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.Jsons;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * create_vector_search_index: a Delta Sync index over a source table (a text column embedded by a
 * model endpoint, or a column of vectors computed elsewhere) or a Direct Access index with a
 * schema; optionally waits until it is ONLINE.
 */
final class VectorIndexCreateTool {
  static final String DEFAULT_MODEL = "databricks-gte-large-en";

  private static final Param<String> PRIMARY_KEY =
      Params.columnName("primary_key", "Column that identifies a row").required();
  private static final Param<String> SOURCE_TABLE =
      Params.fullName(
              "source_table",
              "Delta Sync: the table to index, catalog.schema.table (you need" + " SELECT on it)",
              3)
          .optional();
  private static final Param<String> TEXT_COLUMN =
      Params.columnName(
              "text_column", "Column of text the index embeds (with embedding_model_endpoint)")
          .optional();
  private static final Param<String> MODEL =
      Param.string(
              "embedding_model_endpoint",
              "Serving endpoint that embeds text_column and query_text (default {default})")
          .withDefault(DEFAULT_MODEL);
  private static final Param<String> VECTOR_COLUMN =
      Params.columnName(
              "vector_column",
              "Column holding vectors you compute yourself (with embedding_dimension), instead of"
                  + " text_column")
          .optional();
  private static final Param<Integer> DIMENSION =
      Param.integer("embedding_dimension", "Length of the vectors in vector_column ({min}-{max})")
          .range(1, 4096);
  private static final Param<String> PIPELINE =
      Param.choice(
              "pipeline_type",
              "Delta Sync: TRIGGERED syncs when asked (sync_vector_search_index), CONTINUOUS"
                  + " follows the table (costs more); default {default}",
              List.of("TRIGGERED", "CONTINUOUS"))
          .withDefault("TRIGGERED");
  private static final Param<List<String>> COLUMNS_TO_SYNC =
      Param.stringList(
          "columns_to_sync",
          "Delta Sync: columns to keep besides the key and embedded column (default: all)");
  private static final Param<Boolean> DIRECT =
      Param.bool(
              "direct_access",
              "true: a Direct Access index with no source table; you write its rows with"
                  + " upsert_vector_search_data (give schema)")
          .withDefault(false);
  private static final Param<Map<String, Object>> SCHEMA =
      Param.object(
          "schema",
          "Direct Access: column name → type (integer, long, float, double, boolean, string, date,"
              + " timestamp, array<float>), e.g. {\"id\": \"integer\", \"text\": \"string\"}");

  private VectorIndexCreateTool() {}

  static ToolDef definition() {
    Param<String> name = INDEX_NAME.describedAs("New index name, catalog.schema.index");
    return ToolDef.builder(AiToolset.ID, "create_vector_search_index")
        .title("Create vector search index")
        .description(
            "Create a vector index on an endpoint. Delta Sync (give source_table): over a table,"
                + " with text_column embedded by embedding_model_endpoint (default "
                + DEFAULT_MODEL
                + ") or vector_column + embedding_dimension. Direct Access (direct_access=true,"
                + " schema, and text_column or vector_column): rows written with"
                + " upsert_vector_search_data. It is not queryable until ONLINE: wait_seconds waits"
                + " for that.")
        .input(
            Schema.of(
                name,
                ENDPOINT_NAME,
                PRIMARY_KEY,
                SOURCE_TABLE,
                TEXT_COLUMN,
                MODEL,
                VECTOR_COLUMN,
                DIMENSION,
                PIPELINE,
                COLUMNS_TO_SYNC,
                DIRECT,
                SCHEMA,
                WAIT_SECONDS))
        .hints(ToolHints.write(false))
        .checkWith("get_vector_search_index")
        .handler(
            (args, ctx) -> {
              CreateVectorIndexRequest req =
                  new CreateVectorIndexRequest()
                      .setName(name.of(args))
                      .setEndpointName(ENDPOINT_NAME.of(args))
                      .setPrimaryKey(PRIMARY_KEY.of(args));
              boolean direct = DIRECT.of(args);
              List<EmbeddingSourceColumn> text = textColumns(args);
              List<EmbeddingVectorColumn> vectors = vectorColumns(args);
              if (direct) {
                if (SOURCE_TABLE.given(args)) {
                  throw ToolException.validation(
                      SOURCE_TABLE.name(),
                      "a Direct Access index has no source table; leave it out or set direct_access=false");
                }
                Map<String, Object> schema =
                    SCHEMA
                        .optional(args)
                        .orElseThrow(
                            () ->
                                ToolException.validation(
                                    SCHEMA.name(), "is required with direct_access=true"));
                req.setIndexType(VectorIndexType.DIRECT_ACCESS)
                    .setDirectAccessIndexSpec(
                        new DirectAccessVectorIndexSpec()
                            .setSchemaJson(Jsons.write(schema))
                            .setEmbeddingSourceColumns(text)
                            .setEmbeddingVectorColumns(vectors));
              } else {
                String source =
                    SOURCE_TABLE
                        .optional(args)
                        .orElseThrow(
                            () ->
                                ToolException.validation(
                                    SOURCE_TABLE.name(),
                                    "is required for a Delta Sync index (or set direct_access=true)"));
                DeltaSyncVectorIndexSpecRequest spec =
                    new DeltaSyncVectorIndexSpecRequest()
                        .setSourceTable(source)
                        .setPipelineType(PipelineType.valueOf(PIPELINE.of(args)))
                        .setEmbeddingSourceColumns(text)
                        .setEmbeddingVectorColumns(vectors);
                COLUMNS_TO_SYNC.optional(args).ifPresent(spec::setColumnsToSync);
                req.setIndexType(VectorIndexType.DELTA_SYNC).setDeltaSyncIndexSpec(spec);
              }
              VectorIndex created = ctx.workspace().vectorSearchIndexes().createIndex(req);
              String said =
                  "Created "
                      + (direct ? "Direct Access" : "Delta Sync")
                      + " vector index "
                      + created.getName()
                      + (text == null
                          ? ""
                          : " embedding " + TEXT_COLUMN.of(args) + " with " + MODEL.of(args))
                      + ".";
              return VectorIndexTools.awaitOnline(
                  created, Duration.ofSeconds(WAIT_SECONDS.of(args)), ctx, said);
            })
        .build();
  }

  /** The text column to embed, or null; exactly one of text_column and vector_column. */
  private static List<EmbeddingSourceColumn> textColumns(Args args) {
    boolean text = TEXT_COLUMN.given(args);
    if (text == VECTOR_COLUMN.given(args)) {
      throw ToolException.validation(
          TEXT_COLUMN.name(),
          "give exactly one of text_column (embedded for you) and vector_column (your vectors)");
    }
    if (!text) {
      if (MODEL.given(args)) {
        throw ToolException.validation(MODEL.name(), "goes with text_column, not vector_column");
      }
      return null;
    }
    return List.of(
        new EmbeddingSourceColumn()
            .setName(TEXT_COLUMN.of(args))
            .setEmbeddingModelEndpointName(MODEL.of(args)));
  }

  private static List<EmbeddingVectorColumn> vectorColumns(Args args) {
    if (!VECTOR_COLUMN.given(args)) {
      return null;
    }
    int dimension =
        DIMENSION
            .optional(args)
            .orElseThrow(
                () -> ToolException.validation(DIMENSION.name(), "is required with vector_column"));
    return List.of(
        new EmbeddingVectorColumn()
            .setName(VECTOR_COLUMN.of(args))
            .setEmbeddingDimension((long) dimension));
  }
}
