package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.analyst;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.sdk;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.sql;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.vectorsearch.CreateEndpoint;
import com.databricks.sdk.service.vectorsearch.CreateVectorIndexRequest;
import com.databricks.sdk.service.vectorsearch.DeleteDataVectorIndexRequest;
import com.databricks.sdk.service.vectorsearch.DirectAccessVectorIndexSpec;
import com.databricks.sdk.service.vectorsearch.EmbeddingVectorColumn;
import com.databricks.sdk.service.vectorsearch.EndpointType;
import com.databricks.sdk.service.vectorsearch.GetIndexRequest;
import com.databricks.sdk.service.vectorsearch.QueryVectorIndexRequest;
import com.databricks.sdk.service.vectorsearch.QueryVectorIndexResponse;
import com.databricks.sdk.service.vectorsearch.UpsertDataStatus;
import com.databricks.sdk.service.vectorsearch.UpsertDataVectorIndexRequest;
import com.databricks.sdk.service.vectorsearch.VectorIndexType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.vectorsearch.VectorSearchSeed;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Vector Search API (endpoints:
 * https://docs.databricks.com/api/workspace/vectorsearchendpoints, indexes:
 * https://docs.databricks.com/api/workspace/vectorsearchindexes; filters:
 * https://docs.databricks.com/aws/en/vector-search/vector-search-filtering-guide). The pages name
 * no error codes: an unknown endpoint or index is 404 RESOURCE_DOES_NOT_EXIST, a name taken 409
 * RESOURCE_ALREADY_EXISTS, bad input 400 INVALID_PARAMETER_VALUE, and a query of an index not ready
 * yet 400 FAILED_PRECONDITION (the sandbox's choices; the SDK maps each by status). The score's
 * formula, 1 / (1 + L2²), is not on the pages either.
 */
@Timeout(180)
@ExtendWith(SharedSandbox.class)
class VectorSearchContractTest {
  static final String ENDPOINTS = "/api/2.0/vector-search/endpoints";
  static final String INDEXES = "/api/2.0/vector-search/indexes";

  private static final JsonShape ENDPOINT =
      JsonShape.of(
              "{\"name\": \"string\", \"id\": \"string\", \"endpoint_type\": \"STANDARD|STORAGE_OPTIMIZED\","
                  + " \"creator\": \"string\", \"creation_timestamp\": 0,"
                  + " \"last_updated_timestamp\": 0, \"last_updated_user\": \"string\","
                  + " \"num_indexes\": 0, \"endpoint_status\": {\"state\":"
                  + " \"PROVISIONING|ONLINE|OFFLINE\", \"message\": \"string\"}}")
          .required("name", "endpoint_type", "endpoint_status.state");

  private static final JsonShape INDEX =
      JsonShape.of(
              "{\"name\": \"string\", \"endpoint_name\": \"string\", \"primary_key\": \"string\","
                  + " \"index_type\": \"DELTA_SYNC|DIRECT_ACCESS\", \"creator\": \"string\","
                  + " \"delta_sync_index_spec\": {}, \"direct_access_index_spec\": {},"
                  + " \"status\": {\"ready\": true, \"indexed_row_count\": 0, \"message\":"
                  + " \"string\"}}")
          .required("name", "endpoint_name", "primary_key", "index_type", "status.ready");

  /**
   * Create an endpoint: {@code name} and {@code endpoint_type} are required; it is PROVISIONING,
   * then ONLINE; a name taken is refused.
   * https://docs.databricks.com/api/workspace/vectorsearchendpoints/createendpoint
   */
  @Test
  @Contract(
      value = "POST /api/2.0/vector-search/endpoints",
      doc = "https://docs.databricks.com/api/workspace/vectorsearchendpoints/createendpoint")
  @Contract(
      value = "GET /api/2.0/vector-search/endpoints/{endpoint_name}",
      doc = "https://docs.databricks.com/api/workspace/vectorsearchendpoints/getendpoint")
  void createAnEndpointThatComesOnline() {
    String name = unique("vs-ep");
    JsonNode created = admin().post(ENDPOINTS, endpointJson(name)).ok();
    ENDPOINT.check(created);
    assertThat(created.at("/endpoint_status/state").asText()).isEqualTo("PROVISIONING");
    awaitEndpointOnline(name);
    ENDPOINT.check(admin().get(ENDPOINTS + "/" + name).ok());
    admin()
        .post(ENDPOINTS, endpointJson(name))
        .isError(409, "RESOURCE_ALREADY_EXISTS", ResourceAlreadyExists.class);
    admin()
        .post(ENDPOINTS, "{\"endpoint_type\": \"STANDARD\"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .get(ENDPOINTS + "/" + unique("missing"))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /** List endpoints: {@code endpoints} and {@code next_page_token}; the seeded one is there. */
  @Test
  @Contract(
      value = "GET /api/2.0/vector-search/endpoints",
      doc = "https://docs.databricks.com/api/workspace/vectorsearchendpoints/listendpoints")
  void listEndpoints() {
    JsonNode list = admin().get(ENDPOINTS).ok();
    List<String> names = new ArrayList<>();
    list.get("endpoints").forEach(e -> names.add(e.get("name").asText()));
    assertThat(names).contains(VectorSearchSeed.ENDPOINT);
  }

  /** Delete an endpoint: 200 with an empty body, then 404; only its creator or an admin may. */
  @Test
  @Contract(
      value = "DELETE /api/2.0/vector-search/endpoints/{endpoint_name}",
      doc = "https://docs.databricks.com/api/workspace/vectorsearchendpoints/deleteendpoint")
  void deleteAnEndpoint() {
    String name = unique("vs-del");
    admin().post(ENDPOINTS, endpointJson(name)).ok();
    analyst()
        .delete(ENDPOINTS + "/" + name)
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin().delete(ENDPOINTS + "/" + name).ok();
    admin().get(ENDPOINTS + "/" + name).isNotFound();
  }

  /**
   * Create a Delta Sync index over a text column with an embedding model endpoint: not ready while
   * its initial snapshot is taken, then ready with the source's row count; get, list by endpoint.
   * https://docs.databricks.com/api/workspace/vectorsearchindexes/createindex
   */
  @Test
  @Contract(
      value = "POST /api/2.0/vector-search/indexes",
      doc = "https://docs.databricks.com/api/workspace/vectorsearchindexes/createindex")
  @Contract(
      value = "GET /api/2.0/vector-search/indexes/{index_name}",
      doc = "https://docs.databricks.com/api/workspace/vectorsearchindexes/getindex")
  @Contract(
      value = "GET /api/2.0/vector-search/indexes",
      doc = "https://docs.databricks.com/api/workspace/vectorsearchindexes/listindexes")
  void createADeltaSyncIndex() {
    String name = "main.default." + unique("reviews_idx");
    JsonNode created = admin().post(INDEXES, deltaSyncJson(name, VectorSearchSeed.SOURCE)).ok();
    INDEX.check(created);
    assertThat(created.at("/status/ready").asBoolean()).isFalse();
    JsonNode ready = awaitReady(name);
    INDEX.check(ready);
    assertThat(ready.at("/status/indexed_row_count").asLong())
        .isEqualTo(
            sql("SELECT count(*) FROM " + VectorSearchSeed.SOURCE)
                .at("/result/data_array/0/0")
                .asLong());
    JsonNode list =
        admin().get(Wire.query(INDEXES, "endpoint_name", VectorSearchSeed.ENDPOINT)).ok();
    List<String> names = new ArrayList<>();
    list.get("vector_indexes").forEach(i -> names.add(i.get("name").asText()));
    assertThat(names).contains(name, VectorSearchSeed.INDEX);
    admin().get(INDEXES).isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .post(INDEXES, deltaSyncJson(name, VectorSearchSeed.SOURCE))
        .isError(409, "RESOURCE_ALREADY_EXISTS", ResourceAlreadyExists.class);
    admin()
        .post(INDEXES, deltaSyncJson("main.default." + unique("x"), "main.default.no_such_table"))
        .isError(404, "TABLE_DOES_NOT_EXIST", NotFound.class);
    admin()
        .post(INDEXES, deltaSyncJson("not_three_parts", VectorSearchSeed.SOURCE))
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .get(INDEXES + "/main.default." + unique("missing"))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /**
   * Query: the {@code manifest} names the asked columns and then {@code score}; {@code result}
   * holds {@code row_count} and {@code data_array}; the rows come best first; the filter syntax is
   * the filtering guide's and a key in another syntax is refused naming it.
   * https://docs.databricks.com/api/workspace/vectorsearchindexes/queryindex
   */
  @Test
  @Contract(
      value = "POST /api/2.0/vector-search/indexes/{index_name}/query",
      doc = "https://docs.databricks.com/api/workspace/vectorsearchindexes/queryindex")
  void queryTheSeededIndexByText() {
    JsonNode r =
        analyst()
            .post(
                INDEXES + "/" + VectorSearchSeed.INDEX + "/query",
                "{\"columns\": [\"new_id\", \"review\"], \"query_text\": \"flaky chocolate"
                    + " croissant\", \"num_results\": 3}")
            .ok();
    assertThat(r.at("/manifest/column_count").asInt()).isEqualTo(3);
    assertThat(r.at("/manifest/columns/2/name").asText()).isEqualTo("score");
    assertThat(r.at("/result/row_count").asInt()).isEqualTo(3);
    JsonNode rows = r.at("/result/data_array");
    assertThat(rows.get(0).get(1).asText()).containsIgnoringCase("chocolate croissant");
    assertThat(rows.get(0).get(2).asDouble()).isGreaterThanOrEqualTo(rows.get(1).get(2).asDouble());
    admin()
        .post(
            INDEXES + "/" + VectorSearchSeed.INDEX + "/query",
            "{\"columns\": [\"review\"], \"query_text\": \"bread\", \"filters_json\":"
                + " \"{\\\"review ~\\\": \\\"x\\\"}\"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .post(
            INDEXES + "/" + VectorSearchSeed.INDEX + "/query",
            "{\"columns\": [\"review\"], \"query_vector\": [1.0, 2.0]}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
  }

  /**
   * Similarity over the real SDK: a text query ranks the lexically nearest review first; a filter
   * in the documented syntax narrows the rows to those it keeps.
   */
  @Test
  void aTextQueryFindsTheNearestRowsAndAFilterNarrowsThem() {
    WorkspaceClient w = sdk(Identities.USER_TOKEN);
    QueryVectorIndexResponse nearest =
        w.vectorSearchIndexes()
            .queryIndex(
                new QueryVectorIndexRequest()
                    .setIndexName(VectorSearchSeed.INDEX)
                    .setColumns(List.of("new_id", "review", "franchiseID"))
                    .setQueryText("sourdough bread crust")
                    .setNumResults(5L));
    List<List<String>> rows = new ArrayList<>();
    nearest.getResult().getDataArray().forEach(row -> rows.add(new ArrayList<>(row)));
    assertThat(rows.get(0).get(1)).containsIgnoringCase("sourdough");
    String franchise = rows.get(0).get(2);
    QueryVectorIndexResponse filtered =
        w.vectorSearchIndexes()
            .queryIndex(
                new QueryVectorIndexRequest()
                    .setIndexName(VectorSearchSeed.INDEX)
                    .setColumns(List.of("new_id", "review", "franchiseID"))
                    .setQueryText("sourdough bread crust")
                    .setFiltersJson("{\"franchiseID NOT\": " + franchise + "}")
                    .setNumResults(5L));
    assertThat(filtered.getResult().getDataArray())
        .isNotEmpty()
        .allSatisfy(row -> assertThat(new ArrayList<>(row).get(2)).isNotEqualTo(franchise));
  }

  /**
   * A Direct Vector Access index over the SDK: upsert rows with their vectors, query by vector,
   * delete rows by primary key; a Delta Sync index takes no upserts.
   * https://docs.databricks.com/api/workspace/vectorsearchindexes/upsertdatavectorindex,
   * https://docs.databricks.com/api/workspace/vectorsearchindexes/deletedatavectorindex
   */
  @Test
  @Contract(
      value = "POST /api/2.0/vector-search/indexes/{index_name}/upsert-data",
      doc = "https://docs.databricks.com/api/workspace/vectorsearchindexes/upsertdatavectorindex")
  @Contract(
      value = "DELETE /api/2.0/vector-search/indexes/{index_name}/delete-data",
      doc = "https://docs.databricks.com/api/workspace/vectorsearchindexes/deletedatavectorindex")
  @Contract(
      value = "DELETE /api/2.0/vector-search/indexes/{index_name}",
      doc = "https://docs.databricks.com/api/workspace/vectorsearchindexes/deleteindex")
  void directAccessUpsertQueryDelete() {
    WorkspaceClient w = sdk(Identities.USER_TOKEN);
    String endpoint = unique("vs-sdk");
    w.vectorSearchEndpoints()
        .createEndpoint(
            new CreateEndpoint().setName(endpoint).setEndpointType(EndpointType.STANDARD));
    String name = "main.default." + unique("direct_idx");
    w.vectorSearchIndexes()
        .createIndex(
            new CreateVectorIndexRequest()
                .setName(name)
                .setEndpointName(endpoint)
                .setPrimaryKey("id")
                .setIndexType(VectorIndexType.DIRECT_ACCESS)
                .setDirectAccessIndexSpec(
                    new DirectAccessVectorIndexSpec()
                        .setSchemaJson(
                            "{\"id\": \"integer\", \"label\": \"string\", \"v\": \"array<float>\"}")
                        .setEmbeddingVectorColumns(
                            List.of(
                                new EmbeddingVectorColumn()
                                    .setName("v")
                                    .setEmbeddingDimension(2L)))));
    awaitReady(name);
    var upserted =
        w.vectorSearchIndexes()
            .upsertDataVectorIndex(
                new UpsertDataVectorIndexRequest()
                    .setIndexName(name)
                    .setInputsJson(
                        "[{\"id\": 1, \"label\": \"east\", \"v\": [1, 0]},"
                            + " {\"id\": 2, \"label\": \"north\", \"v\": [0, 1]},"
                            + " {\"id\": 3, \"label\": \"bad\", \"v\": [1]}]"));
    assertThat(upserted.getStatus()).isEqualTo(UpsertDataStatus.PARTIAL_SUCCESS);
    assertThat(upserted.getResult().getSuccessRowCount()).isEqualTo(2L);
    assertThat(upserted.getResult().getFailedPrimaryKeys()).containsExactly("3");
    QueryVectorIndexResponse q =
        w.vectorSearchIndexes()
            .queryIndex(
                new QueryVectorIndexRequest()
                    .setIndexName(name)
                    .setColumns(List.of("label"))
                    .setQueryVector(List.of(0.9, 0.1)));
    assertThat(new ArrayList<>(q.getResult().getDataArray().iterator().next()).get(0))
        .isEqualTo("east");
    w.vectorSearchIndexes()
        .deleteDataVectorIndex(
            new DeleteDataVectorIndexRequest().setIndexName(name).setPrimaryKeys(List.of("1")));
    assertThat(
            w.vectorSearchIndexes()
                .getIndex(new GetIndexRequest().setIndexName(name))
                .getStatus()
                .getIndexedRowCount())
        .isEqualTo(1L);
    assertThatThrownBy(
            () ->
                w.vectorSearchIndexes()
                    .upsertDataVectorIndex(
                        new UpsertDataVectorIndexRequest()
                            .setIndexName(VectorSearchSeed.INDEX)
                            .setInputsJson("[]")))
        .isInstanceOf(PermissionDenied.class);
    admin()
        .post(INDEXES + "/" + VectorSearchSeed.INDEX + "/upsert-data", "{\"inputs_json\": \"[]\"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    w.vectorSearchIndexes().deleteIndex(name);
    admin().get(INDEXES + "/" + name).isNotFound();
    w.vectorSearchEndpoints().deleteEndpoint(endpoint);
  }

  /**
   * Sync a TRIGGERED Delta Sync index: the source's rows as they are now replace the index's
   * (indexed_row_count follows); a Direct Access index does not sync.
   * https://docs.databricks.com/api/workspace/vectorsearchindexes/syncindex
   */
  @Test
  @Contract(
      value = "POST /api/2.0/vector-search/indexes/{index_name}/sync",
      doc = "https://docs.databricks.com/api/workspace/vectorsearchindexes/syncindex")
  void syncReadsTheSourceAgain() {
    String table = "main.default." + unique("notes");
    sql("CREATE TABLE " + table + " (id BIGINT, note STRING)");
    sql("INSERT INTO " + table + " VALUES (1, 'alpha note'), (2, 'beta note')");
    String name = "main.default." + unique("notes_idx");
    admin()
        .post(INDEXES, deltaSyncJson(name, table).replace("new_id", "id").replace("review", "note"))
        .ok();
    assertThat(awaitReady(name).at("/status/indexed_row_count").asLong()).isEqualTo(2);
    sql("INSERT INTO " + table + " VALUES (3, 'gamma note')");
    sdk(Identities.ADMIN_TOKEN)
        .vectorSearchIndexes()
        .syncIndex(
            new com.databricks.sdk.service.vectorsearch.SyncIndexRequest().setIndexName(name));
    JsonNode after = null;
    for (int i = 0; i < 2000; i++) {
      after = admin().get(INDEXES + "/" + name).ok();
      if (after.at("/status/indexed_row_count").asLong() == 3) {
        break;
      }
      pause();
    }
    assertThat(after.at("/status/indexed_row_count").asLong()).isEqualTo(3);
    admin()
        .post(INDEXES + "/main.default." + unique("none") + "/sync", "{}")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  private static String endpointJson(String name) {
    return "{\"name\": \"" + name + "\", \"endpoint_type\": \"STANDARD\"}";
  }

  private static String deltaSyncJson(String name, String source) {
    return "{\"name\": \""
        + name
        + "\", \"endpoint_name\": \""
        + VectorSearchSeed.ENDPOINT
        + "\", \"primary_key\": \"new_id\", \"index_type\": \"DELTA_SYNC\","
        + " \"delta_sync_index_spec\": {\"source_table\": \""
        + source
        + "\", \"pipeline_type\": \"TRIGGERED\", \"embedding_source_columns\": [{\"name\":"
        + " \"review\", \"embedding_model_endpoint_name\": \"databricks-gte-large-en\"}]}}";
  }

  private static void awaitEndpointOnline(String name) {
    for (int i = 0; i < 2000; i++) {
      if (admin()
          .get(ENDPOINTS + "/" + name)
          .ok()
          .at("/endpoint_status/state")
          .asText()
          .equals("ONLINE")) {
        return;
      }
      pause();
    }
    throw new AssertionError("endpoint " + name + " never came ONLINE");
  }

  private static JsonNode awaitReady(String name) {
    for (int i = 0; i < 2000; i++) {
      JsonNode index = admin().get(INDEXES + "/" + name).ok();
      if (index.at("/status/ready").asBoolean()) {
        return index;
      }
      pause();
    }
    throw new AssertionError("index " + name + " never became ready");
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
