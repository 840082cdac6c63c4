package dev.databricksmcp.sandbox.vectorsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.service.vectorsearch.DirectAccessVectorIndexSpec;
import com.databricks.sdk.service.vectorsearch.EmbeddingVectorColumn;
import com.databricks.sdk.service.vectorsearch.VectorIndex;
import com.databricks.sdk.service.vectorsearch.VectorIndexType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@code --sandbox-dir} keeps of vector indexes: an index saved and taken back in a new run
 * has its spec, owner and rows, vectors included, and ranks them as before.
 */
class VectorIndexesPersistenceTest {
  @Test
  void anIndexTakenBackRanksItsRowsAsBefore() {
    VectorIndexes before = new VectorIndexes(0);
    VectorIndex spec =
        new VectorIndex()
            .setName("main.default.points")
            .setEndpointName("ep")
            .setPrimaryKey("id")
            .setIndexType(VectorIndexType.DIRECT_ACCESS)
            .setDirectAccessIndexSpec(
                new DirectAccessVectorIndexSpec()
                    .setSchemaJson("{\"id\": \"integer\", \"v\": \"array<float>\"}")
                    .setEmbeddingVectorColumns(
                        List.of(
                            new EmbeddingVectorColumn().setName("v").setEmbeddingDimension(2L))));
    before.create(spec, "someone", List.of("id", "v"), null);
    IndexLayout layout = before.layout("main.default.points");
    before.upsert(
        "main.default.points",
        List.of(
            layout.row(Map.of("id", 1, "v", List.of(1.0, 0.0))),
            layout.row(Map.of("id", 2, "v", List.of(0.0, 1.0)))));

    VectorIndexes after = new VectorIndexes(0);
    after.restore(before.save());

    assertThat(after.owner("main.default.points")).isEqualTo("someone");
    assertThat(after.get("main.default.points").getStatus().getIndexedRowCount()).isEqualTo(2);
    List<VectorIndexes.Hit> hits =
        after.search("main.default.points", new float[] {0.1f, 0.9f}, r -> true, 2);
    assertThat(hits).extracting(h -> h.row().key()).containsExactly("2", "1");
  }
}
