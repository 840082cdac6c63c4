package dev.databricksmcp.sandbox.vectorsearch;

import com.databricks.sdk.service.vectorsearch.DeltaSyncVectorIndexSpecResponse;
import com.databricks.sdk.service.vectorsearch.EmbeddingSourceColumn;
import com.databricks.sdk.service.vectorsearch.EndpointType;
import com.databricks.sdk.service.vectorsearch.PipelineType;
import com.databricks.sdk.service.vectorsearch.VectorIndex;
import com.databricks.sdk.service.vectorsearch.VectorIndexType;
import dev.databricksmcp.sandbox.auth.Identities;
import java.util.List;
import java.util.UUID;

/**
 * What a new sandbox has for vector search, ONLINE from the start: the endpoint {@value #ENDPOINT}
 * and the TRIGGERED Delta Sync index {@value #INDEX} over the {@code review} column of
 * samples.bakehouse.media_customer_reviews, embedded with databricks-gte-large-en and owned by the
 * admin (whoever reads samples may query it). Planted only when no state was taken back from an
 * earlier run.
 */
public final class VectorSearchSeed {
  public static final String ENDPOINT = "sandbox-vector-search";
  public static final String INDEX = "samples.bakehouse.media_customer_reviews_index";
  public static final String SOURCE = "samples.bakehouse.media_customer_reviews";

  private VectorSearchSeed() {}

  static void plant(VectorEndpoints endpoints, VectorIndexes indexes, SourceTables sources) {
    if (!endpoints.list().isEmpty()) {
      return;
    }
    String admin = Identities.ADMIN.userName();
    endpoints.create(ENDPOINT, EndpointType.STANDARD, admin);
    endpoints.markOnline(ENDPOINT);
    VectorIndex spec =
        new VectorIndex()
            .setName(INDEX)
            .setEndpointName(ENDPOINT)
            .setPrimaryKey("new_id")
            .setIndexType(VectorIndexType.DELTA_SYNC)
            .setCreator(admin)
            .setDeltaSyncIndexSpec(
                new DeltaSyncVectorIndexSpecResponse()
                    .setSourceTable(SOURCE)
                    .setPipelineType(PipelineType.TRIGGERED)
                    .setPipelineId(UUID.randomUUID().toString())
                    .setEmbeddingSourceColumns(
                        List.of(
                            new EmbeddingSourceColumn()
                                .setName("review")
                                .setEmbeddingModelEndpointName("databricks-gte-large-en"))));
    List<String> columns = sources.columns(Identities.ADMIN, SOURCE);
    IndexLayout layout = IndexLayout.of(spec, columns);
    indexes.create(
        spec,
        admin,
        columns,
        sources.rows(Identities.ADMIN, SOURCE).stream().map(layout::row).toList());
    indexes.markReady(INDEX);
  }
}
